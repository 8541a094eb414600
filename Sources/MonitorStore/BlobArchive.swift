import Crypto
import Foundation

/// The raw bytes of every distinct page body, content-addressed by SHA-256 and compressed,
/// under `archive/` in the state directory.
///
/// A blob is `archive/<first two hex>/<sha256>.zst`: a 45-byte header (magic `HMA1`, kind,
/// base hash, raw length) and one zstd frame. A *full* blob decompresses alone; a *delta* blob
/// was compressed with the raw bytes of its base blob as prefix (`zstd --patch-from`), which
/// keeps ~1 % of a page that changed a little. Chains are bounded (``maxChainLength``) so one
/// damaged file takes at most that many versions with it. Every blob is checked against the
/// SHA-256 of its raw bytes when read.
public struct BlobArchive {
    /// The longest run of deltas before a full blob.
    static let maxChainLength = 32
    private static let magic: [UInt8] = Array("HMA1".utf8)
    private static let headerSize = 4 + 1 + 32 + 8

    /// The `archive/` directory.
    let directory: URL

    /// The path of a blob relative to the state directory.
    public static func path(of hash: String) -> String { relativePath(of: hash) }

    static func relativePath(of hash: String) -> String {
        "archive/\(hash.prefix(2))/\(hash).zst"
    }

    /// The SHA-256 of some bytes, as 64 lower-case hex digits.
    static func hash(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    func url(of hash: String) -> URL {
        directory.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent("\(hash).zst")
    }

    func exists(_ hash: String) -> Bool {
        FileManager.default.fileExists(atPath: url(of: hash).path)
    }

    /// What `write` stored.
    struct Written {
        var storedSize: Int
        var base: String?
    }

    /// Writes a blob: to a temporary file beside it, fsynced, renamed into place, directory fsynced.
    ///
    /// - Parameters:
    ///   - raw: The page body.
    ///   - hash: Its SHA-256 (``hash(of:)``).
    ///   - base: The previous version to compress against, or `nil` for a full blob. The delta is
    ///     kept only when it is smaller than a full blob.
    /// - Returns: The size written and the base used, if any.
    /// - Throws: ``StoreError``.
    func write(_ raw: [UInt8], hash: String, base: (hash: String, raw: [UInt8])?) throws -> Written {
        var frame: [UInt8]?
        var baseHash: String?
        if let base, base.hash != hash {
            let delta = try Zstd.compress(raw, prefix: base.raw)
            // A delta under 1/16 of the page beats any full frame of HTML (zstd reaches about 1/3 on
            // homepages), so the full one is compressed only to compare with a large delta: one
            // compression per changed page instead of two.
            let full = delta.count * 16 <= raw.count ? nil : try Zstd.compress(raw)
            if let full, full.count <= delta.count {
                frame = full
            } else {
                frame = delta
                baseHash = base.hash
            }
        }
        let stored = try frame ?? Zstd.compress(raw)
        var file = Self.magic
        file.append(baseHash == nil ? 0 : 1)
        file += baseHash.map(Self.bytes(ofHex:)) ?? [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: UInt64(raw.count).littleEndian) { file += $0 }
        file += stored
        try writeAtomically(file, to: url(of: hash))
        return Written(storedSize: file.count, base: baseHash)
    }

    /// The raw bytes of a blob, resolving and checking its chain of bases.
    ///
    /// - Parameters:
    ///   - hash: The blob's SHA-256.
    ///   - checkingEveryLink: True to hash every base on the way (names the damaged link, for
    ///     `archive verify` and reads); false to hash only the result, which is enough to trust it
    ///     (a damaged base cannot yield bytes that hash right) and saves one SHA-256 per link when
    ///     a check only needs the previous version as the base of its delta.
    /// - Returns: The page body, exactly as it was written.
    /// - Throws: ``StoreError/damagedBlob(hash:reason:)`` when the blob or a base is missing,
    ///   unreadable, or does not hash to its name.
    func read(_ hash: String, checkingEveryLink: Bool = true) throws -> [UInt8] {
        var chain: [(hash: String, header: Header, frame: ArraySlice<UInt8>)] = []
        var next: String? = hash
        while let current = next {
            guard chain.count <= 4 * Self.maxChainLength else {
                throw StoreError.damagedBlob(hash: hash, reason: "part of a delta chain that does not end")
            }
            let (header, frame) = try load(current)
            chain.append((current, header, frame))
            next = header.base
        }
        var raw: [UInt8]?
        for link in chain.reversed() {
            let decoded: [UInt8]
            do {
                decoded = try Zstd.decompress(link.frame, size: link.header.size, prefix: raw)
            } catch StoreError.compression(let message) {
                throw StoreError.damagedBlob(hash: link.hash, reason: "corrupt (zstd cannot decode it: \(message))")
            }
            guard (!checkingEveryLink && link.hash != hash) || Self.hash(of: decoded) == link.hash else {
                throw StoreError.damagedBlob(hash: link.hash, reason: "corrupt (its bytes do not hash to its name)")
            }
            raw = decoded
        }
        return raw ?? []
    }

    /// Every blob hash present on disk (temporary files excluded).
    func allHashes() throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        var hashes: [String] = []
        for shard in try FileManager.default.contentsOfDirectory(atPath: directory.path) where shard.count == 2 {
            let files = try FileManager.default.contentsOfDirectory(
                atPath: directory.appendingPathComponent(shard).path
            )
            for file in files where file.hasSuffix(".zst") && file.count == 68 {
                hashes.append(String(file.dropLast(4)))
            }
        }
        return hashes.sorted()
    }

    /// Removes a blob file.
    func remove(_ hash: String) throws {
        do {
            try FileManager.default.removeItem(at: url(of: hash))
        } catch {
            throw StoreError.file(path: url(of: hash).path, message: "cannot remove: \(error.localizedDescription)")
        }
    }

    /// Removes temporary files left by a write that was interrupted.
    func removeLeftoverTemporaries() {
        guard let shards = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for shard in shards {
            let folder = directory.appendingPathComponent(shard)
            for file in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            where file.hasPrefix(".tmp-") {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(file))
            }
        }
    }

    struct Header {
        var base: String?
        var size: Int
    }

    private func load(_ hash: String) throws -> (header: Header, frame: ArraySlice<UInt8>) {
        guard let data = FileManager.default.contents(atPath: url(of: hash).path) else {
            throw StoreError.damagedBlob(hash: hash, reason: "missing")
        }
        let bytes = [UInt8](data)
        guard bytes.count > Self.headerSize, bytes.starts(with: Self.magic), bytes[4] <= 1 else {
            throw StoreError.damagedBlob(hash: hash, reason: "corrupt (bad header)")
        }
        let base = bytes[4] == 1 ? Self.hex(bytes[5..<37]) : nil
        var size: UInt64 = 0
        for (shift, byte) in bytes[37..<45].enumerated() { size |= UInt64(byte) << (8 * UInt64(shift)) }
        guard size <= 1 << 31 else { throw StoreError.damagedBlob(hash: hash, reason: "corrupt (bad length)") }
        return (Header(base: base, size: Int(size)), bytes[Self.headerSize...])
    }

    private func writeAtomically(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".tmp-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.writeAndSync(bytes, to: temporary.path)
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError.current }
            try Self.sync(directory: folder.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw StoreError.file(path: url.path, message: "cannot write archive file: \(error)")
        }
    }

    static func writeAndSync(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError.current }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw POSIXError.current }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw POSIXError.current }
    }

    static func sync(directory path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError.current }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw POSIXError.current }
    }

    private static func bytes(ofHex hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            out.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return out
    }

    private static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension POSIXError {
    /// The error of the last failed system call.
    static var current: POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}

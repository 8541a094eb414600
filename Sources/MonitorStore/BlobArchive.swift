import Crypto
import Foundation

/// How every distinct page body is stored: content-addressed by SHA-256 and compressed, one
/// blob a body, in the `blob` column of the database's `bodies` table.
///
/// A blob is a 45-byte header (magic `HMA1`, kind, base hash, raw length) and one zstd frame. A
/// *full* blob decompresses alone; a *delta* blob was compressed with the raw bytes of its base
/// blob as prefix (`zstd --patch-from`), which keeps ~1 % of a page that changed a little. Chains
/// are bounded (``maxChainLength``) so one damaged blob takes at most that many versions with it.
/// Every blob is checked against the SHA-256 of its raw bytes when read.
///
/// State directories written before schema 3 kept each blob in a file of its own,
/// `archive/<first two hex>/<sha256>.zst`, with the same bytes; opening such a store moves them
/// into the database (``SnapshotStore``), and until then they are read from there.
public struct BlobArchive {
    /// The longest run of deltas before a full blob.
    static let maxChainLength = 32
    private static let magic: [UInt8] = Array("HMA1".utf8)
    private static let headerSize = 4 + 1 + 32 + 8

    /// The legacy `archive/` directory.
    let directory: URL

    static func relativePath(of hash: String) -> String {
        "archive/\(hash.prefix(2))/\(hash).zst"
    }

    /// The SHA-256 of some bytes, as 64 lower-case hex digits.
    static func hash(of bytes: [UInt8]) -> String {
        hex(ArraySlice(SHA256.hash(data: bytes)))
    }

    /// The legacy file of a blob.
    func url(of hash: String) -> URL {
        directory.appendingPathComponent(String(hash.prefix(2))).appendingPathComponent("\(hash).zst")
    }

    /// The bytes of a blob's legacy file, or `nil` when there is none.
    func legacyFile(_ hash: String) -> [UInt8]? {
        FileManager.default.contents(atPath: url(of: hash).path).map { [UInt8]($0) }
    }

    /// A blob ready to store.
    struct Encoded {
        /// The header and the frame.
        var bytes: [UInt8]
        /// The base it is a delta of, or `nil` for a full blob.
        var base: String?
    }

    /// Compresses a page body into a blob.
    ///
    /// - Parameters:
    ///   - raw: The page body.
    ///   - hash: Its SHA-256 (a base with the same hash is not used).
    ///   - base: The previous version to compress against, or `nil` for a full blob. The delta is
    ///     kept only when it is smaller than a full blob.
    /// - Returns: The blob and the base used, if any.
    /// - Throws: ``StoreError/compression(_:)``.
    static func encode(_ raw: [UInt8], hash: String, base: (hash: String, raw: [UInt8])?) throws -> Encoded {
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
        var bytes = magic
        bytes.reserveCapacity(headerSize + stored.count)
        bytes.append(baseHash == nil ? 0 : 1)
        bytes += baseHash.map(Self.bytes(ofHex:)) ?? [UInt8](repeating: 0, count: 32)
        withUnsafeBytes(of: UInt64(raw.count).littleEndian) { bytes += $0 }
        bytes += stored
        return Encoded(bytes: bytes, base: baseHash)
    }

    /// The raw bytes of a blob, resolving and checking its chain of bases.
    ///
    /// - Parameters:
    ///   - hash: The blob's SHA-256.
    ///   - checkingEveryLink: True to hash every base on the way (names the damaged link, for
    ///     `archive verify` and reads); false to hash only the result, which is enough to trust it
    ///     (a damaged base cannot yield bytes that hash right) and saves one SHA-256 per link when
    ///     a check only needs the previous version as the base of its delta.
    ///   - load: The stored bytes of a blob, or `nil` when it is missing.
    /// - Returns: The page body, exactly as it was written.
    /// - Throws: ``StoreError/damagedBlob(hash:reason:)`` when the blob or a base is missing,
    ///   unreadable, or does not hash to its name.
    static func read(
        _ hash: String,
        checkingEveryLink: Bool = true,
        load: (String) throws -> [UInt8]?
    ) throws -> [UInt8] {
        var chain: [(hash: String, header: Header, frame: ArraySlice<UInt8>)] = []
        var next: String? = hash
        while let current = next {
            guard chain.count <= 4 * Self.maxChainLength else {
                throw StoreError.damagedBlob(hash: hash, reason: "part of a delta chain that does not end")
            }
            guard let stored = try load(current) else {
                throw StoreError.damagedBlob(hash: current, reason: "missing")
            }
            let (header, frame) = try parse(stored, hash: current)
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

    /// Every blob hash with a legacy file (temporary files excluded).
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

    /// Removes a blob's legacy file.
    func remove(_ hash: String) throws {
        do {
            try FileManager.default.removeItem(at: url(of: hash))
        } catch {
            throw StoreError.file(path: url(of: hash).path, message: "cannot remove: \(error.localizedDescription)")
        }
    }

    /// Removes the shard folders left empty by the move into the database, and `archive/` itself
    /// when nothing is left in it.
    func removeEmptyFolders() {
        let files = FileManager.default
        for shard in (try? files.contentsOfDirectory(atPath: directory.path)) ?? [] {
            let folder = directory.appendingPathComponent(shard)
            if (try? files.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
                try? files.removeItem(at: folder)
            }
        }
        if (try? files.contentsOfDirectory(atPath: directory.path))?.isEmpty == true {
            try? files.removeItem(at: directory)
        }
    }

    /// Removes temporary files left by a write that was interrupted (before schema 3).
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

    private static func parse(_ bytes: [UInt8], hash: String) throws -> (header: Header, frame: ArraySlice<UInt8>) {
        guard bytes.count > Self.headerSize, bytes.starts(with: Self.magic), bytes[4] <= 1 else {
            throw StoreError.damagedBlob(hash: hash, reason: "corrupt (bad header)")
        }
        let base = bytes[4] == 1 ? Self.hex(bytes[5..<37]) : nil
        var size: UInt64 = 0
        for (shift, byte) in bytes[37..<45].enumerated() { size |= UInt64(byte) << (8 * UInt64(shift)) }
        guard size <= 1 << 31 else { throw StoreError.damagedBlob(hash: hash, reason: "corrupt (bad length)") }
        return (Header(base: base, size: Int(size)), bytes[Self.headerSize...])
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

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
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

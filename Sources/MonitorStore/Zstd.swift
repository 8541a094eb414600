import CZstd

/// zstd compression of one page body, optionally against a previous version (`--patch-from`).
enum Zstd {
    /// The compression level, with long-distance matching against the previous version.
    ///
    /// Measured on the 135 real colinraffel.com versions, each compressed against the one before
    /// (`monitor import`, blob bytes): level 19 wrote 67,686 bytes at about 3 MB/s (9 ms a 28 KB
    /// page, most of the CPU of a pass over changed pages: issue 15), level 6 70,484 bytes at about
    /// 80 MB/s, level 3 73,445 bytes (+8.5 %) at about 340 MB/s. Deltas are a few hundred bytes at
    /// any level, and a pass over 100 changed pages took 2.38 s at 19, 0.62 s at 6, 0.45 s at 3.
    static let level: Int32 = 3

    /// Compresses `source`, referencing `prefix` (the previous version's raw bytes) when given.
    ///
    /// - Throws: ``StoreError/compression(_:)`` when zstd reports an error.
    static func compress(_ source: [UInt8], prefix: [UInt8]? = nil) throws -> [UInt8] {
        guard let context = ZSTD_createCCtx() else { throw StoreError.compression("out of memory") }
        defer { ZSTD_freeCCtx(context) }
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level))
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
        if prefix != nil { try check(ZSTD_CCtx_setParameter(context, ZSTD_c_enableLongDistanceMatching, 1)) }
        let span = source.count + (prefix?.count ?? 0)
        try check(ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, windowLog(for: span)))
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(source.count))
        let written = try (prefix ?? []).withUnsafeBytes { prefixBytes in
            if let base = prefixBytes.baseAddress, prefix != nil {
                try check(ZSTD_CCtx_refPrefix(context, base, prefixBytes.count))
            }
            return try source.withUnsafeBytes { sourceBytes in
                try output.withUnsafeMutableBytes { outputBytes in
                    try check(
                        ZSTD_compress2(
                            context,
                            outputBytes.baseAddress,
                            outputBytes.count,
                            sourceBytes.baseAddress,
                            sourceBytes.count
                        )
                    )
                }
            }
        }
        output.removeSubrange(written...)
        return output
    }

    /// Decompresses a frame of known size, with the same prefix it was compressed against.
    ///
    /// - Throws: ``StoreError/compression(_:)`` for a corrupt frame, a wrong prefix or a size mismatch.
    static func decompress(_ frame: ArraySlice<UInt8>, size: Int, prefix: [UInt8]? = nil) throws -> [UInt8] {
        guard let context = ZSTD_createDCtx() else { throw StoreError.compression("out of memory") }
        defer { ZSTD_freeDCtx(context) }
        try check(ZSTD_DCtx_setParameter(context, ZSTD_d_windowLogMax, 30))
        var output = [UInt8](repeating: 0, count: size)
        let produced = try (prefix ?? []).withUnsafeBytes { prefixBytes in
            if let base = prefixBytes.baseAddress, prefix != nil {
                try check(ZSTD_DCtx_refPrefix(context, base, prefixBytes.count))
            }
            return try frame.withUnsafeBytes { frameBytes in
                try output.withUnsafeMutableBytes { outputBytes in
                    try check(
                        ZSTD_decompressDCtx(
                            context,
                            outputBytes.baseAddress,
                            outputBytes.count,
                            frameBytes.baseAddress,
                            frameBytes.count
                        )
                    )
                }
            }
        }
        guard produced == size else { throw StoreError.compression("expected \(size) bytes, got \(produced)") }
        return output
    }

    private static func windowLog(for span: Int) -> Int32 {
        var log: Int32 = 10
        while log < 30 && (1 << log) < span { log += 1 }
        return log
    }

    @discardableResult
    private static func check(_ result: Int) throws -> Int {
        if ZSTD_isError(result) != 0 {
            throw StoreError.compression(String(cString: ZSTD_getErrorName(result)))
        }
        return result
    }
}

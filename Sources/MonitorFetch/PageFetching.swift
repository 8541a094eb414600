import Logging

/// What a check needs from the network: one conditional GET of a page.
///
/// ``PageFetcher`` is the real one; tests hand the checker and the scheduler their own, so that the
/// suspect hold, backoff and `Retry-After` are exercised in-process, without sockets or sleeping.
public protocol PageFetching: Sendable {
    /// Fetches `url`, sending `validators` for a conditional request.
    ///
    /// - Parameters:
    ///   - url: The page.
    ///   - validators: The `ETag` / `Last-Modified` of the last page that was extracted, if any.
    ///   - logger: Debug details.
    /// - Returns: The page, a 304, or an HTTP error status.
    /// - Throws: ``FetchError`` when no usable answer came (network, limits, refused redirects).
    func fetch(_ url: String, validators: Validators?, logger: Logger) async throws -> FetchResult

    /// Releases the connections; the fetcher is not used afterwards.
    func shutdown() async
}

extension PageFetcher: PageFetching {}

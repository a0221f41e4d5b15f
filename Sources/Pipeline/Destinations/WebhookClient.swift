import CCurl
import Foundation

/// A blocking JSON POST: returns nil on a 2xx answer, else what went wrong.
///
/// It goes through libcurl loaded on first use (`CCurl`) rather than URLSession: importing
/// FoundationNetworking links libcurl and its ~30 dependencies into every propel process, a
/// third of a kernel's start-up, for a call only webhook activations make.
enum WebhookClient {
    static func post(_ body: Data, to url: URL, timeout: Double = 10) -> String? {
        var error = [CChar](repeating: 0, count: 512)
        let status = body.withUnsafeBytes { bytes in
            propel_http_post(url.absoluteString, bytes.baseAddress, bytes.count, "application/json", timeout, &error, error.count)
        }
        if status == 0 { return String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return (200..<300).contains(status) ? nil : "HTTP \(status)"
    }
}

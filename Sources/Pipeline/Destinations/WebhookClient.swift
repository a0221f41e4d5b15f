import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A blocking JSON POST: returns nil on a 2xx answer, else what went wrong.
enum WebhookClient {
    static func post(_ body: Data, to url: URL, timeout: Double = 10) -> String? {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = body
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: String?
        let task = URLSession.shared.dataTask(with: request) { _, response, error in
            if let error { failure = error.localizedDescription }
            else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) { failure = "HTTP \(http.statusCode)" }
            done.signal()
        }
        task.resume()
        done.wait()
        return failure
    }
}

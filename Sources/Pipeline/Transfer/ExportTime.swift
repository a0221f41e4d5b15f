import Foundation

/// The `exportTime=<UTC yyyyMMddHHmmss>` folder names exports and score drops live in.
public enum ExportTime {
    /// `20261122102422` for 2026-11-22T10:24:22Z.
    public static func folderName(_ time: Timestamp) -> String {
        "exportTime=" + wholeSecond(time).description.filter(\.isNumber).prefix(14)
    }

    /// `time` rounded down to its second (also before 1970).
    static func wholeSecond(_ time: Timestamp) -> Timestamp {
        let (seconds, micros) = time.microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        return Timestamp(microseconds: (micros < 0 ? seconds - 1 : seconds) * 1_000_000)
    }

    /// The time a folder name holds, or nil for any other name.
    public static func parse(_ folderName: String) -> Timestamp? {
        guard folderName.hasPrefix("exportTime="), folderName.count == 25 else { return nil }
        let d = Array(folderName.dropFirst(11))
        guard d.allSatisfy(\.isNumber) else { return nil }
        let s = String(d)
        func part(_ from: Int, _ n: Int) -> String { String(s.dropFirst(from).prefix(n)) }
        return Timestamp(parsing: "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(8, 2)):\(part(10, 2)):\(part(12, 2))Z")
    }

    /// The export folders directly under `folder`, newest first by the time in their names (not
    /// by name order, and ignoring anything that is not an export folder).
    public static func folders(in folder: URL) -> [(time: Timestamp, url: URL)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name in parse(name).map { ($0, folder.appendingPathComponent(name, isDirectory: true)) } }
            .sorted { $0.time > $1.time }
    }
}

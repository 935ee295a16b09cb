import Foundation

/// What changed between the request an earlier run recorded and the one asked for now, in the spec's own
/// words: `steps[0].prompt: "dusk" → "dawn"`, one entry per field.
enum SpecDifference {
    /// The fields that differ between two lists of items (empty when they are the same request).
    static func between(_ earlier: [ItemSpec], _ now: [ItemSpec]) -> [String] {
        guard let before = try? JSONValue(encoding: earlier), let after = try? JSONValue(encoding: now) else { return [] }
        var lines: [String] = []
        compare(before, after, path: "", into: &lines)
        return lines
    }

    private static func compare(_ before: JSONValue?, _ after: JSONValue?, path: String, into lines: inout [String]) {
        switch (before, after) {
        case (.object(let a)?, .object(let b)?):
            for key in Set(a.keys).union(b.keys).sorted() {
                compare(a[key], b[key], path: path.isEmpty ? key : "\(path).\(key)", into: &lines)
            }
        case (.array(let a)?, .array(let b)?) where a.count == b.count:
            for index in a.indices { compare(a[index], b[index], path: "\(path)[\(index)]", into: &lines) }
        default:
            guard before != after else { return }
            lines.append("\(path.hasPrefix("[0].") ? String(path.dropFirst(4)) : path): \(text(before)) → \(text(after))")
        }
    }

    /// A value as JSON text, cut to 100 characters; `none` when absent.
    private static func text(_ value: JSONValue?) -> String {
        guard let value, let data = try? value.data() else { return "none" }
        let json = String(decoding: data, as: UTF8.self)
        return json.count > 100 ? json.prefix(97) + "…" : json
    }
}

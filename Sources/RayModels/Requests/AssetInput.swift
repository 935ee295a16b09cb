/// An image or video input: an uploaded asset id, or a local file that must be uploaded first.
///
/// JSON: `.asset(id)` is the id string itself (`"asset_xxx"`); `.file(path)` is the placeholder string
/// `"file://"` + absolute path (`"file:///abs/path"`, not percent-encoded), which a client replaces by the
/// uploaded asset id before sending. Decoding reverses it: a string starting with `file://` is a file,
/// any other string an asset id.
public enum AssetInput: Codable, Sendable, Equatable {
    /// An asset already on Scenario, by id.
    case asset(String)
    /// A local file, by absolute path, still to be uploaded.
    case file(String)

    /// Prefix that marks a local file in JSON.
    public static let filePrefix = "file://"

    /// The local file's path, or nil for an asset id.
    public var localPath: String? {
        if case .file(let path) = self { path } else { nil }
    }

    /// The string this input is sent as: the asset id, or `file://` + path.
    public var jsonValue: String {
        switch self {
        case .asset(let id): id
        case .file(let path): Self.filePrefix + path
        }
    }

    /// Reads `"asset_xxx"` as an asset and `"file:///abs/path"` as a file.
    public init(jsonValue: String) {
        if jsonValue.hasPrefix(Self.filePrefix) {
            self = .file(String(jsonValue.dropFirst(Self.filePrefix.count)))
        } else {
            self = .asset(jsonValue)
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(jsonValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonValue)
    }

    /// This input with a file replaced by its asset id from `assetIDs` (keyed by path); unchanged otherwise.
    func resolving(_ assetIDs: [String: String]) -> AssetInput {
        if let path = localPath, let id = assetIDs[path] { .asset(id) } else { self }
    }
}

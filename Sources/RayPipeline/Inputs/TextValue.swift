/// A value written as one piece of text, the same on the command line and in a pipeline spec
/// (`clip.mp4@48`, `4:5`, `0,48,96`): parsed once when read, written back as text that parses to it again.
public protocol TextValue: Codable, Sendable {
    /// Parses the text; nil when it is not such a value.
    init?(parsing text: String)
    /// The text this value parses from.
    var text: String { get }
    /// What a valid text looks like, for the error that rejects one.
    static var expected: String { get }
}

extension TextValue {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not \(Self.expected)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

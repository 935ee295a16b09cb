/// What to do about a finding, in words and typed options: `use \(.resolution, "720p") or drop \(.hdr)`.
///
/// The options are named, never spelled as flags: the command line renders them as its flags
/// (`--resolution 720p`), a pipeline as its spec keys (`"resolution": "720p"`), ``description`` as plain words.
public struct Remedy: Sendable, Equatable, Codable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A piece of the advice.
    public enum Part: Sendable, Equatable {
        case text(String)
        /// An option, with the value to give it (nil for an on/off option, or where any value goes).
        case option(OptionName, value: String?)
    }

    public let parts: [Part]

    /// Spells an option and its value for one audience (`--resolution 720p`, `"resolution": "720p"`).
    public typealias Speller = @Sendable (OptionName, String?) -> String

    /// Where an encoder's `userInfo` may hold the ``Speller`` a remedy is encoded with (plain words without one).
    public static let spellerKey = CodingUserInfoKey(rawValue: "RayModels.Remedy.speller")!

    /// Renders the advice with `name` spelling each option and its value.
    public func rendered(_ name: (OptionName, String?) -> String) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .option(let option, let value): name(option, value)
            }
        }.joined()
    }

    /// The advice in plain words: options by name (`use resolution 720p or drop hdr`).
    public var description: String { rendered { option, value in option.rawValue + (value.map { " " + $0 } ?? "") } }

    public init(stringLiteral text: String) { parts = [.text(text)] }

    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// Read back as plain text; written as ``description``, or spelled by the encoder's ``spellerKey``.
    public init(from decoder: any Decoder) throws { parts = [.text(try decoder.singleValueContainer().decode(String.self))] }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode((encoder.userInfo[Self.spellerKey] as? Speller).map { rendered($0) } ?? description)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { parts.append(.text(literal)) }
        }

        /// An option with a value: `\(.resolution, "720p")`.
        public mutating func appendInterpolation(_ option: OptionName, _ value: String? = nil) {
            parts.append(.option(option, value: value))
        }

        /// Another remedy's advice, its options kept.
        public mutating func appendInterpolation(_ remedy: Remedy) {
            parts += remedy.parts
        }

        public mutating func appendInterpolation<Value>(_ value: Value) {
            parts.append(.text("\(value)"))
        }
    }
}

/// An option a remedy can name: a model parameter (named as a pipeline step key and a command-line option
/// are, `aspect-ratio`), or an option of one of raykit's local commands.
public enum OptionName: String, Sendable, CaseIterable {
    case prompt, resolution, duration, loop, hdr, keyframes, strength, face, pose, depth, normals, trajectory, video
    case startFrame = "start-frame", endFrame = "end-frame", aspectRatio = "aspect-ratio", autoControls = "auto-controls"
    case poseStrength = "pose-strength", depthBlur = "depth-blur", normalsAugmentation = "normals-augmentation"
    case trajectorySparsity = "trajectory-sparsity"
    /// `preflight`'s fixed copy, its span and its target ratio.
    case fix, trim, to
    /// `frames`' longest side.
    case maxSide = "max-side"

    /// The local command whose option this is; nil for a model parameter (a step key in a pipeline).
    public var command: String? {
        switch self {
        case .fix, .trim, .to: "preflight"
        case .maxSide: "frames"
        default: nil
        }
    }
}

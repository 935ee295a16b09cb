/// One step: `{"step": "reframe", "prompt": "…", "aspect-ratio": "9:16"}` — the kind and its inputs side by side.
public enum StepSpec: Codable, Sendable, Equatable {
    case generate(GenerateInput)
    case edit(EditInput)
    case reframe(ReframeInput)
    case crop(CropInput)

    /// What the step does. (Not inlined: Swift 6.3's optimizer crashes with an ownership error when
    /// this switch is inlined into `PipelineRun.fail`.)
    public var kind: StepKind {
        @inline(never) get {
            switch self {
            case .generate: .generate
            case .edit: .edit
            case .reframe: .reframe
            case .crop: .crop
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        static let step = Key(stringValue: "step")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let name = try container.decode(String.self, forKey: .step)
        guard let kind = StepKind(rawValue: name) else {
            throw PipelineError("unknown step \"\(name)\" (steps: \(StepKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        switch kind {
        case .generate: self = .generate(try Self.input(GenerateInput.self, of: name, from: decoder))
        case .edit: self = .edit(try Self.input(EditInput.self, of: name, from: decoder))
        case .reframe: self = .reframe(try Self.input(ReframeInput.self, of: name, from: decoder))
        case .crop: self = .crop(try Self.input(CropInput.self, of: name, from: decoder))
        }
    }

    /// The step's inputs, read from the same object as its `step` key; a key the kind does not take is an error.
    private static func input<Input: StepInput>(_ type: Input.Type, of name: String, from decoder: any Decoder) throws -> Input {
        let keys = try decoder.container(keyedBy: Key.self).allKeys.map(\.stringValue)
        if let unknown = keys.first(where: { $0 != "step" && !Input.keys.contains($0) }) {
            throw PipelineError("a \(name) step takes no \"\(unknown)\" (it takes: \(Input.keys.joined(separator: ", ")))")
        }
        return try Input(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(kind, forKey: .step)
        switch self {
        case .generate(let input): try input.encode(to: encoder)
        case .edit(let input): try input.encode(to: encoder)
        case .reframe(let input): try input.encode(to: encoder)
        case .crop(let input): try input.encode(to: encoder)
        }
    }
}

extension StepSpec {
    /// Whether the step asks Generate for a seamless loop.
    var loops: Bool {
        if case .generate(let input) = self { input.loop == true } else { false }
    }
}

import RayCanvas

/// A crop step's inputs (`{"step": "crop", "to": "4:5"}`, `raykit … --crop-to 4:5`).
public struct CropInput: Codable, Sendable, Equatable, StepInput {
    /// A ratio (`4:5`, `2.39:1`) or a size (`1080x1350`).
    public var to: CropJob.Target
    /// Where the window sits; centred when nil.
    public var anchor: Anchor?
    /// Short side scaled to these lines, ratio kept.
    public var resolution: Resolution?

    public init(to: CropJob.Target, anchor: Anchor? = nil, resolution: Resolution? = nil) {
        (self.to, self.anchor, self.resolution) = (to, anchor, resolution)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case to, anchor, resolution
    }
}

extension CropJob.Target: TextValue {
    /// `1080x1350` or `239:100`: text that parses back to the same target.
    public var text: String {
        switch self {
        case .ratio(let ratio): ratio.description
        case .size(let size): size.description
        }
    }

    public static let expected = "a ratio like 4:5 or a size like 1080x1350"
}

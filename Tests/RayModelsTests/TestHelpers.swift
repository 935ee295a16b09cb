import Foundation
import RayModels
import Testing

/// The rule ids of `findings`, in order.
func rules(_ findings: [Finding]) -> [String] { findings.map(\.rule) }

/// A request body parsed back into a dictionary, independent of the encoder.
func jsonObject(_ data: Data) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// `count` copies of `character` as one string.
func repeated(_ character: String, _ count: Int) -> String { String(repeating: character, count: count) }

/// Requests that pass every rule, one per model, to vary in tests.
enum Valid {
    static let generate = GenerateRequest(prompt: "A lone surfer paddles toward a glassy point break at golden hour")
    static let edit = EditRequest(prompt: "Restyle the shot as a vintage 16mm film with warm tungsten lighting",
                                  video: .asset("asset_source_clip"))
    static let reframe = ReframeRequest(prompt: "Extend the rooftop bar to the left, keeping the same neon signage and night sky",
                                        video: .asset("asset_source_clip"), aspectRatio: .portrait9x16)
}

extension Remedy {
    /// The advice with options spelled as flags, the way the command line shows it.
    var asFlags: String { rendered { option, value in "--" + option.rawValue + (value.map { " " + $0 } ?? "") } }
}

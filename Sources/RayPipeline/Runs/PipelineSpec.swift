import Foundation
import RayModels

/// What `raykit pipeline run` runs: items, each a chain of steps over one clip (or the same chain over many).
///
/// ```json
/// {"outputDir": "out",
///  "items": [{"name": "beach", "video": "clips/beach.mp4",
///             "steps": [{"step": "edit", "prompt": "…", "strength": "adhere_2"},
///                       {"step": "reframe", "prompt": "…", "aspect-ratio": "9:16"},
///                       {"step": "crop", "to": "4:5"}]}]}
/// ```
public struct PipelineSpec: Codable, Sendable, Equatable {
    /// Where results and the manifest go; relative to the spec file. Default: the spec's folder.
    public var outputDir: String?
    public var items: [ItemSpec]

    public init(outputDir: String? = nil, items: [ItemSpec]) {
        self.outputDir = outputDir
        self.items = items
    }

    /// Reads a spec file.
    ///
    /// - Throws: `PipelineError` naming the file and what is wrong with it.
    public static func load(_ path: String) throws(PipelineError) -> PipelineSpec {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw PipelineError("\(path): cannot read: \(error.localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(PipelineSpec.self, from: data)
        } catch let error as PipelineError {
            throw PipelineError("\(path): \(error.message)")
        } catch {
            throw PipelineError("\(path): not a pipeline spec: \(PipelineError.describe(error))")
        }
    }

    /// One item per clip: items with `clips` expanded, each named once.
    func expanded() throws(PipelineError) -> [ItemSpec] {
        var items: [ItemSpec] = []
        for (number, item) in self.items.enumerated() {
            if let clips = item.clips {
                for clip in clips {
                    var one = item
                    (one.video, one.clips) = (clip, nil)
                    one.name = [item.name, ItemSpec.defaultName(for: clip, number: number)].compactMap { $0 }.joined(separator: "-")
                    items.append(one)
                }
            } else {
                var one = item
                one.name = item.name ?? item.video.map { ItemSpec.defaultName(for: $0, number: number) } ?? "item-\(number + 1)"
                items.append(one)
            }
        }
        let names = items.compactMap(\.name)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            throw PipelineError("two items are named \(repeated): give each a distinct \"name\"")
        }
        return items
    }
}

/// One item: a source (a clip, an asset id, or nothing for Generate) and the steps it goes through.
public struct ItemSpec: Codable, Sendable, Equatable {
    /// Names the result files (`NAME.mp4`); default: the clip's file name.
    public var name: String?
    /// The first step's source video: a clip path or `asset_…`.
    public var video: String?
    /// Runs the same steps over each of these clips (one item each).
    public var clips: [String]?
    public var steps: [StepSpec]
    /// Do not put the source's audio back into Edit and Reframe results.
    public var noAudio: Bool?
    /// The final file, relative to the spec's folder; default `OUTPUT_DIR/NAME.mp4`.
    public var output: String?
    /// Earlier items whose results this one's steps use (a long take's segment guided by the one before):
    /// it starts once they have finished.
    public var after: [String]?

    public init(name: String? = nil, video: String? = nil, steps: [StepSpec], noAudio: Bool? = nil, output: String? = nil,
                after: [String]? = nil) {
        (self.name, self.video, self.steps, self.noAudio, self.output, self.after) = (name, video, steps, noAudio, output, after)
    }

    static func defaultName(for clip: String, number: Int) -> String {
        clip.hasPrefix("asset_") ? clip : URL(fileURLWithPath: clip).deletingPathExtension().lastPathComponent
    }
}

/// What a step does.
public enum StepKind: String, Codable, Sendable, CaseIterable {
    case generate, edit, reframe, crop

    /// The Ray model a remote step calls; nil for local steps.
    public var model: RayModel? {
        switch self {
        case .generate: .generate
        case .edit: .edit
        case .reframe: .reframe
        case .crop: nil
        }
    }
}

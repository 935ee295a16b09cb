extension SourceLimits {
    /// Every way an Edit or Reframe source video breaks the published limits (field `source`); nil facts are not checked.
    ///
    /// - Parameters:
    ///   - seconds: the source's duration in seconds; more than `maxSourceSeconds` is an error (`source.duration`).
    ///   - bytes: the file size in bytes; more than `maxSourceBytes` is an error (`source.size`).
    ///   - container: the container as a file extension (`mp4`, `webm`, `mov`, any case); one not in
    ///     `sourceContainers` is an error (`source.container`).
    public static func sourceFindings(seconds: Double?, bytes: Int64?, container: String?) -> [Finding] {
        var findings: [Finding] = []
        if let seconds, seconds > maxSourceSeconds {
            findings.append(.error("source", "source.duration",
                                   "source is \(decimal(seconds)) s long; Edit and Reframe take at most \(decimal(maxSourceSeconds)) s",
                                   fix: "trim the source to \(decimal(maxSourceSeconds)) s or less"))
        }
        if let bytes, bytes > maxSourceBytes {
            findings.append(.error("source", "source.size",
                                   "source is \(megabytes(bytes)) MB (\(bytes) bytes); Edit and Reframe take at most \(megabytes(maxSourceBytes)) MB",
                                   fix: "re-encode the source smaller or trim it"))
        }
        if let container, !sourceContainers.contains(container.lowercased()) {
            findings.append(.error("source", "source.container",
                                   "source container \(container) is not accepted; Edit and Reframe take \(sourceContainers.joined(separator: " or "))",
                                   fix: "re-encode the source to mp4"))
        }
        return findings
    }

    /// Every way an image input (`field`: `startFrame`, `keyframes[2].keyframeImage`, …) breaks the published limits.
    ///
    /// - Parameters:
    ///   - bytes: the image file size; `maxImageBytes` or more is an error (`image.size`), more than
    ///     `recommendedImageBytes` a warning (`image.size.recommended`).
    ///   - format: the format as a file extension (`png`, `jpg`, `jpeg`, `webp`, any case); others are an error (`image.format`).
    public static func imageFindings(field: String, bytes: Int64?, format: String?) -> [Finding] {
        var findings: [Finding] = []
        if let bytes, bytes >= maxImageBytes {
            findings.append(.error(field, "image.size", "\(field) is \(megabytes(bytes)) MB (\(bytes) bytes); images must stay under \(megabytes(maxImageBytes)) MB",
                                   fix: "re-encode it smaller (JPEG or WebP, or a lower resolution)"))
        } else if let bytes, bytes > recommendedImageBytes {
            findings.append(.warning(field, "image.size.recommended",
                                     "\(field) is \(megabytes(bytes)) MB, above the recommended \(megabytes(recommendedImageBytes)) MB (base64 grows by 4/3 and the gateway caps bodies at \(megabytes(gatewayBodyBytes)) MB)",
                                     fix: "re-encode it smaller (JPEG or WebP, or a lower resolution)"))
        }
        if let format {
            let name = format.lowercased() == "jpg" ? "jpeg" : format.lowercased()
            if !imageFormats.contains(name) {
                findings.append(.error(field, "image.format", "\(field) is \(format); images must be \(imageFormats.joined(separator: ", "))",
                                       fix: "convert it to png, jpeg or webp"))
            }
        }
        return findings
    }

    /// `bytes` in decimal megabytes with at most two decimals: 6_200_000 → `6.2`.
    private static func megabytes(_ bytes: Int64) -> String { decimal(Double(bytes) / 1_000_000) }

    /// `value` with at most two decimals: 30 → `30`, 31.256 → `31.26`.
    private static func decimal(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
    }
}

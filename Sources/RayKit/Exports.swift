// RayKit as one library: `import RayKit` brings in every public module, so an app depends on the one product.
@_exported import RayAPI
@_exported import RayCanvas
@_exported import RayMedia
@_exported import RayModels
@_exported import RayPipeline
@_exported import RayVersion

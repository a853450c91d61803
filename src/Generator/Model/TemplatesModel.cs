using Datasette.Gen.Configuration;

namespace Datasette.Gen.Generator.Model;

/// <summary>
/// One templates/*.cshtml among the AdditionalFiles (the Razor SDK passes them to every generator):
/// its path, the class the Razor compiler makes of it (from the TargetPath the SDK gives it) and
/// the line of its <c>@inherits</c>, where a wrong model type is reported.
/// </summary>
internal sealed record TemplateFile(string FilePath, string Stem, string ClassName, int InheritsLine);

/// <summary>A registered override: Datasette's name, the model interface it is given, the Razor class.</summary>
internal sealed record TemplateOverride(string Name, string ModelType, string ClassName, string FilePath, int InheritsLine);

/// <summary>The deployment's overrides, sorted by name, and whether the runtime is there to receive them.</summary>
internal sealed record TemplatesModel(bool RuntimeAvailable, EquatableArray<TemplateOverride> Overrides);

/// <summary>The overrides the names allow, and the diagnostics of those they do not.</summary>
internal sealed record TemplatesOutcome(EquatableArray<TemplateOverride> Overrides, EquatableArray<DiagnosticInfo> Diagnostics);

using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>A database that ships inside the executable, built from SQL at start-up.</summary>
public sealed record EmbeddedDatabase(string Name, string Sql);

/// <summary>
/// What the generator compiled into the executable: the validated configuration and metadata
/// of datasette.yaml, plus the databases served when no files are given.
/// </summary>
public sealed record Deployment(DatasetteConfig Config, EquatableArray<MetadataItem> Metadata, IReadOnlyList<EmbeddedDatabase> DefaultDatabases)
{
    /// <summary>The generator's compiled permission rules for <see cref="Config"/> (Deployment.Permissions.g.cs).</summary>
    public CompiledPermissions? Permissions { get; init; }

    /// <summary>Every action of the deployment, built-in and from plugins' [DatasetteAction] (Deployment.Actions.g.cs).</summary>
    public IReadOnlyList<ActionDefinition>? Actions { get; init; }

    /// <summary>The deployment's plugins, instantiated and wired to their hooks (Deployment.Plugins.g.cs).</summary>
    public PluginRegistry? Plugins { get; init; }

    /// <summary>The deployment's page templates, compiled from templates/*.cshtml (Deployment.Templates.g.cs).</summary>
    public TemplateOverrides? Templates { get; init; }

    /// <summary>The generator's OpenAPI parts, built from the schema snapshot (Deployment.OpenApi.g.cs).</summary>
    public EquatableArray<global::Datasette.Gen.Configuration.OpenApi.OpenApiPart> OpenApi { get; init; }
}

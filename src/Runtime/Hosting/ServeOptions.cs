namespace Datasette.Gen.Runtime.Hosting;

/// <summary>The options of <c>serve</c>, named as Datasette's CLI names them.</summary>
public sealed record ServeOptions
{
    public List<string> Files { get; init; } = new();
    public List<string> ImmutableFiles { get; init; } = new();
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8001;
    public string? MetadataFile { get; init; }
    public string? ConfigFile { get; init; }
    public List<KeyValuePair<string, string>> Settings { get; init; } = new();
    public bool Memory { get; init; }
    public string? Secret { get; init; }
    public bool Root { get; init; }
    public bool DefaultDeny { get; init; }
    public string? InternalPath { get; init; }
    public bool Cors { get; init; }
    public bool Create { get; init; }

    /// <summary><c>--inspect-file</c>: hashes and counts for immutable files, from <c>datasette-gen inspect</c>.</summary>
    public string? InspectFile { get; init; }
    public string? Get { get; init; }
}

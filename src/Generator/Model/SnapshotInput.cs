using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Schema;

namespace Datasette.Gen.Generator.Model;

/// <summary>The deployment's schema snapshot (null when there is none or it is unreadable) and problems reading it.</summary>
internal sealed record SnapshotInput(SchemaSnapshot? Snapshot, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly SnapshotInput None = new(null, EquatableArray<DiagnosticInfo>.Empty);
}

/// <summary>One datasette.schema.json among the AdditionalFiles, read.</summary>
internal sealed record SnapshotFile(string FilePath, SchemaSnapshot? Snapshot, EquatableArray<DiagnosticInfo> Diagnostics);

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// The request whose work runs on this async flow, for hooks called far from it (write_wrapper sees
/// the request that caused a write). The pipeline sets it only when such a hook exists: otherwise a
/// request pays nothing for it.
/// </summary>
internal static class CurrentRequest
{
    private static readonly AsyncLocal<DatasetteRequest?> Flow = new();

    public static DatasetteRequest? Value => Flow.Value;

    /// <summary>Set from the pipeline's async method, so the value ends with it.</summary>
    public static void Set(DatasetteRequest request) => Flow.Value = request;
}

using System.Diagnostics;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary><c>/-/threads.json</c> (permissions-debug): the process's threads and the thread pool's queue.</summary>
internal static class ThreadsView
{
    public static Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        if (!request.Allowed("permissions-debug"))
        {
            throw DatasetteHttpException.Forbidden("permissions-debug");
        }
        using var process = Process.GetCurrentProcess();
        var threads = process.Threads;
        return DebugPages.SendDataAsync(request, datasette, "threads", writer =>
        {
            writer.WriteNumber("num_threads", threads.Count);
            writer.WriteStartArray("threads");
            foreach (ProcessThread thread in threads)
            {
                writer.WriteStartObject();
                writer.WriteString("name", $"thread-{thread.Id}");
                writer.WriteNumber("ident", thread.Id);
                writer.WriteBoolean("daemon", true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteNumber("num_tasks", ThreadPool.PendingWorkItemCount);
            writer.WriteStartArray("tasks");
            writer.WriteEndArray();
        });
    }
}

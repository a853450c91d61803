namespace Datasette.Gen.Runtime.Http;

/// <summary>A remembered 200 answer: its headers as they were sent and its body.</summary>
internal sealed record CachedResponse(KeyValuePair<string, string>[] Headers, byte[] Body)
{
    // What the entry holds in memory, roughly: the body, the header text (UTF-16) and a fixed overhead for the objects.
    public long Size(string key)
    {
        long size = Body.Length + (key.Length * 2) + 256;
        foreach (var (name, value) in Headers)
        {
            size += (name.Length + value.Length) * 2 + 32;
        }
        return size;
    }
}

/// <summary>
/// Answers of immutable databases kept by key (the ETag), least recently used first out, never
/// holding more than its bound in bytes (the response_cache_mb setting). One entry may take at most
/// a quarter of the bound, so a single big page cannot push out everything else.
/// </summary>
internal sealed class ResponseCache(long maxBytes)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, CachedResponse Response, long Size)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, CachedResponse Response, long Size)> _recency = new();
    private long _bytes;

    public long MaxBytes => maxBytes;

    /// <summary>The largest body worth capturing: bigger answers are never kept.</summary>
    public long MaxEntryBytes => maxBytes / 4;

    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string key, out CachedResponse response)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                response = node.Value.Response;
                return true;
            }
        }
        response = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="response"/> under <paramref name="key"/>, evicting the least recently used until it fits.</summary>
    public void Add(string key, CachedResponse response)
    {
        var size = response.Size(key);
        if (size > MaxEntryBytes)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
                _entries.Remove(key);
                _bytes -= existing.Value.Size;
            }
            while (_bytes + size > maxBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Size;
            }
            _entries[key] = _recency.AddFirst((key, response, size));
            _bytes += size;
        }
    }
}

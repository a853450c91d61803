using System.Buffers;
using Datasette.Gen.Runtime.Errors;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// How much one response may buffer (the max_response_mb setting): views build a JSON or CSV page
/// in memory before sending it, so a page of large values must stop at a clear 400 rather than
/// take whatever memory the rows need. The budget of the request on the flow is <see cref="Data.RequestScope.MaxResponseBytes"/>.
/// </summary>
internal static class ResponseBudget
{
    /// <summary>Fails once a buffer of <paramref name="bytes"/> passes <paramref name="maxBytes"/> (0: no limit).</summary>
    public static void Check(long bytes, long maxBytes)
    {
        if (maxBytes > 0 && bytes > maxBytes)
        {
            throw new ResponseTooLargeException(maxBytes);
        }
    }
}

/// <summary>A buffered page passed <see cref="ResponseBudget"/>.</summary>
internal sealed class ResponseTooLargeException(long maxBytes) : DatasetteHttpException(400,
    $"Response too large: a page may hold at most {maxBytes / (1024 * 1024)} MB (the max_response_mb setting). Ask for fewer rows (_size) or columns (_col, or a narrower select).",
    "Response too large");

/// <summary>
/// A growable byte buffer that refuses to grow past a byte budget, and never reserves more than
/// the budget (an ArrayBufferWriter's doubling could reserve twice as much).
/// </summary>
internal sealed class BudgetedBufferWriter(int initialCapacity, long maxBytes) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[initialCapacity];
    private int _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    // Only asking for more memory fails: Utf8JsonWriter advances again when it is disposed, so a
    // failing Advance would be repeated past the end of the buffer and hide the budget's message.
    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new InvalidOperationException("Cannot advance past the end of the buffer.");
        }
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Reserve(int sizeHint)
    {
        var needed = (long)_written + Math.Max(sizeHint, 1);
        ResponseBudget.Check(needed, maxBytes);
        if (needed <= _buffer.Length)
        {
            return;
        }
        var grown = Math.Max(needed, (long)_buffer.Length * 2);
        if (maxBytes > 0)
        {
            grown = Math.Min(grown, Math.Max(needed, maxBytes));
        }
        Array.Resize(ref _buffer, (int)Math.Min(grown, Array.MaxLength));
    }
}

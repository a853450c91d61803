using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Tests.SqlSafety;

/// <summary>The buffer a view builds its page in stops at the budget, with the budget's message.</summary>
public sealed class ResponseBudgetTests
{
    [Fact]
    public void The_buffer_refuses_to_grow_past_its_budget_and_never_reserves_more()
    {
        var buffer = new BudgetedBufferWriter(16, 1000);
        Assert.True(buffer.GetMemory(600).Length is >= 600 and <= 1000);
        buffer.Advance(600);
        var error = Assert.Throws<ResponseTooLargeException>(() => buffer.GetMemory(600));
        Assert.Equal(400, error.Status);
        Assert.Equal(600, buffer.WrittenMemory.Length);
    }

    [Fact]
    public void A_json_writer_over_the_buffer_fails_with_the_budget_even_when_disposed_afterwards()
    {
        var buffer = new BudgetedBufferWriter(16, 1000);
        var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        Assert.Throws<ResponseTooLargeException>(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                writer.WriteStringValue(new string('x', 100));
            }
            writer.Flush();
        });
        writer.Dispose(); // flushes what is pending: must not fail past the end of the buffer
    }

    [Fact]
    public void No_budget_means_no_limit()
    {
        var buffer = new BudgetedBufferWriter(16, 0);
        buffer.GetSpan(5_000_000);
        buffer.Advance(5_000_000);
        Assert.Equal(5_000_000, buffer.WrittenMemory.Length);
    }
}

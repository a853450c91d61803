using System;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Tests.Infrastructure;
using RazorSlices;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// The pages' fast path for plain text lives in <see cref="PageSlice{TModel}"/>: a slice that forgets it renders the same
/// bytes, only slower. Its attribute writes keep Razor's rules: a lone false or null leaves the attribute out, a lone
/// true writes its name, values are escaped, a value made of parts is written whole.
/// </summary>
public sealed class PageSliceBaseTests
{
    [Fact]
    public async Task Attributes_keep_razors_rules_for_true_false_and_escaping()
    {
        await using var instance = await TestInstance.CreateAsync();
        await TestInstance.AttachMemoryDatabaseAsync(instance.Datasette, "data", "create table things (id integer primary key, name text); insert into things (name) values ('a');");

        var sorted = (await instance.Datasette.Client.GetAsync("/data/things?name__contains=%22%3C%26%27x&_sort=name")).Text;
        // The active filter's column and operator selects: the chosen option says so, the others carry no attribute.
        Assert.Contains("<option selected=\"selected\">name</option>", sorted, StringComparison.Ordinal);
        Assert.Contains("<option>id</option>", sorted, StringComparison.Ordinal);
        Assert.Contains("<option value=\"contains\" selected=\"selected\">contains</option>", sorted, StringComparison.Ordinal);
        Assert.Contains("<option value=\"exact\">=</option>", sorted, StringComparison.Ordinal);
        Assert.Contains("id=\"filter-column-1\"", sorted, StringComparison.Ordinal);
        // Its value escaped as the encoder escapes text.
        Assert.Contains("value=\"&quot;&lt;&amp;&#x27;x\"", sorted, StringComparison.Ordinal);
        Assert.Contains("<option value=\"name\" selected=\"selected\">Sort by name</option>", sorted, StringComparison.Ordinal);
        Assert.Contains("<option value=\"id\">Sort by id</option>", sorted, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"_sort_by_desc\" value=\"1\">", sorted, StringComparison.Ordinal);

        var descending = (await instance.Datasette.Client.GetAsync("/data/things?_sort_desc=name")).Text;
        Assert.Contains("<input type=\"checkbox\" name=\"_sort_by_desc\" value=\"1\" checked=\"checked\">", descending, StringComparison.Ordinal);
        // A link's value made of parts: the table URL and the encoded query string.
        Assert.Contains("href=\"/data/things.json?_sort_desc=name\"", descending, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_compiled_slice_with_a_model_inherits_PageSlice()
    {
        var slices = typeof(PageSlice<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(RazorSlice).IsAssignableFrom(t) && t.Namespace == "AspNetCoreGeneratedDocument")
            .ToList();

        var missing = slices.Where(t => !Inherits(t, typeof(PageSlice<>)) && Inherits(t, typeof(RazorSlice<>))).Select(t => t.Name).ToList();

        Assert.NotEmpty(slices);
        Assert.Empty(missing);
    }

    private static bool Inherits(Type type, Type openGeneric)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == openGeneric)
            {
                return true;
            }
        }
        return false;
    }
}

using System;
using System.Linq;
using Datasette.Gen.Runtime.Html;
using RazorSlices;

namespace Datasette.Gen.Tests.Html;

/// <summary>The pages' fast path for plain text lives in <see cref="PageSlice{TModel}"/>: a slice that forgets it renders the same bytes, only slower.</summary>
public sealed class PageSliceBaseTests
{
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

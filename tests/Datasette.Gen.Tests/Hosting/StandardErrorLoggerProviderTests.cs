using System;
using System.IO;
using Datasette.Gen.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Datasette.Gen.Tests.Hosting;

public sealed class StandardErrorLoggerProviderTests
{
    [Fact]
    public void Warnings_and_errors_are_written_with_their_exception_and_lower_levels_are_not()
    {
        var output = new StringWriter();
        using var provider = new StandardErrorLoggerProvider(LogLevel.Warning, output);
        var logger = provider.CreateLogger("Datasette");

        logger.LogInformation("request {Path}", "/");
        logger.LogWarning("slow {Path}", "/fixtures");
        logger.LogError(new InvalidOperationException("boom"), "Unhandled error for {Path}", "/x");

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal("warn: Datasette: slow /fixtures", lines[0]);
        Assert.Equal("fail: Datasette: Unhandled error for /x", lines[1]);
        Assert.Equal("System.InvalidOperationException: boom", lines[2]);
        Assert.DoesNotContain("request", output.ToString());
        Assert.False(logger.IsEnabled(LogLevel.None));
    }
}

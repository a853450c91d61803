using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>--help at the top level and on every subcommand: the usage, on standard output, exit status 0.</summary>
public sealed class CommandHelpTests
{
    public static TheoryData<string> CommandNames => new(DatasetteHost.CommandSyntaxes.Select(c => c.Name));

    private static async Task<(int Status, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = await DatasetteHost.RunAsync(args, TestServer.EmptyDeployment, output, error);
        return (status, output.ToString(), error.ToString());
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Every_command_prints_its_usage_on_help_and_exits_0(string command)
    {
        var (status, output, error) = await RunAsync(command, "--help");
        Assert.Equal(0, status);
        Assert.StartsWith($"Usage: datasette-gen {command} [OPTIONS]", output, System.StringComparison.Ordinal);
        Assert.Contains("\nOptions:\n", output, System.StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Help_wins_wherever_it_stands_among_the_arguments(string command)
    {
        var (status, output, _) = await RunAsync(command, "no-such-file.db", "--help");
        Assert.Equal(0, status);
        Assert.StartsWith($"Usage: datasette-gen {command}", output, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("create-token")]
    [InlineData("schema-snapshot")]
    [InlineData("openapi")]
    public async Task Dash_h_is_help_where_it_is_not_an_option(string command)
    {
        var (status, output, _) = await RunAsync(command, "-h");
        Assert.Equal(0, status);
        Assert.StartsWith($"Usage: datasette-gen {command}", output, System.StringComparison.Ordinal);
        Assert.Contains("  -h, --help ", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_keeps_dash_h_as_host_as_Datasette_does()
    {
        Assert.Equal("0.0.0.0", CommandLine.ParseServe(new[] { "-h", "0.0.0.0" }).Host);
        var (status, _, error) = await RunAsync("serve", "-h");
        Assert.Equal(2, status);
        Assert.Equal("Error: Option '-h' requires an argument.", error.Trim());
        var (_, usage, _) = await RunAsync("serve", "--help");
        Assert.Contains("  -h, --host TEXT ", usage, System.StringComparison.Ordinal);
        Assert.Contains("  --help ", usage, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_arguments_are_serves_so_their_help_is_serves()
    {
        var (status, output, _) = await RunAsync("data.db", "--help");
        Assert.Equal(0, status);
        Assert.StartsWith("Usage: datasette-gen serve [OPTIONS] [FILES]...", output, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_level_help_lists_every_command_with_its_summary()
    {
        var (status, output, _) = await RunAsync("--help");
        Assert.Equal(0, status);
        Assert.StartsWith("Usage: datasette-gen [serve] [OPTIONS] [FILES]...", output, System.StringComparison.Ordinal);
        foreach (var command in DatasetteHost.CommandSyntaxes)
        {
            Assert.Matches(new Regex($"\n  {Regex.Escape(command.Name)} +{Regex.Escape(command.Summary)}\n"), output);
        }
    }

    /// <summary>Each option line of serve's help, given with placeholder values, is accepted by serve's parser.</summary>
    [Fact]
    public async Task Every_option_serves_help_lists_is_one_serve_accepts()
    {
        var (_, usage, _) = await RunAsync("serve", "--help");
        var lines = usage[(usage.IndexOf("Options:\n", System.StringComparison.Ordinal) + 9)..].Split('\n')
            .Select(l => Regex.Match(l, @"^  ((?:-[a-z], )?--[a-z-]+)((?: [A-Z]+)*)  "))
            .Where(m => m.Success && m.Groups[1].Value != "--help")
            .ToList();
        Assert.True(lines.Count >= 15, usage);
        foreach (var line in lines)
        {
            var values = line.Groups[2].Value.Split(' ', System.StringSplitOptions.RemoveEmptyEntries).Select(v => v switch { "INTEGER" => "0", "DIRECTORY" => ".", _ => "x" }).ToArray();
            foreach (var name in line.Groups[1].Value.Split(", "))
            {
                CommandLine.ParseServe(new List<string> { name }.Concat(values).ToList());
            }
        }
    }

    [Fact]
    public async Task Commands_that_build_an_instance_take_its_options_but_not_the_servers()
    {
        var (status, _, error) = await RunAsync("openapi", "-p", "8080");
        Assert.Equal(2, status);
        Assert.Equal("Error: No such option: -p", error.Trim());
        var (_, usage, _) = await RunAsync("schema-snapshot", "--help");
        Assert.Contains("  -c, --config FILE ", usage, System.StringComparison.Ordinal);
        Assert.DoesNotContain("--port", usage, System.StringComparison.Ordinal);
    }
}

using System.Collections.Generic;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>cli-and-config.md §2.1: the options of serve.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void ParseServe_without_arguments_gives_the_defaults()
    {
        var options = CommandLine.ParseServe(new string[0]);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(8001, options.Port);
        Assert.Empty(options.Files);
        Assert.Empty(options.ImmutableFiles);
        Assert.Empty(options.Settings);
        Assert.False(options.Memory);
        Assert.Null(options.ConfigFile);
        Assert.Null(options.MetadataFile);
        Assert.Null(options.Secret);
    }

    [Fact]
    public void ParseServe_reads_every_short_option_and_keeps_bare_files_in_order()
    {
        var options = CommandLine.ParseServe(new[]
        {
            "a.db", "-h", "0.0.0.0", "-p", "9000", "-m", "meta.yaml", "-c", "conf.yaml", "-i", "i1.db",
            "b.db", "-i", "i2.db", "-s", "default_page_size", "5", "-s", "settings.sql_time_limit_ms", "10",
        });
        Assert.Equal(new[] { "a.db", "b.db" }, options.Files);
        Assert.Equal(new[] { "i1.db", "i2.db" }, options.ImmutableFiles);
        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal(9000, options.Port);
        Assert.Equal("meta.yaml", options.MetadataFile);
        Assert.Equal("conf.yaml", options.ConfigFile);
        Assert.Equal(
            new[] { new KeyValuePair<string, string>("default_page_size", "5"), new KeyValuePair<string, string>("settings.sql_time_limit_ms", "10") },
            options.Settings);
    }

    [Fact]
    public void ParseServe_reads_every_long_option_and_flag()
    {
        var options = CommandLine.ParseServe(new[]
        {
            "--host", "localhost", "--port", "0", "--metadata", "m.json", "--config", "c.json", "--immutable", "x.db",
            "--setting", "base_url", "/prefix/", "--memory", "--secret", "s3cret", "--internal", "internal.db",
            "--cors", "--create", "--get", "/-/versions.json",
        });
        Assert.Equal("localhost", options.Host);
        Assert.Equal(0, options.Port);
        Assert.Equal("m.json", options.MetadataFile);
        Assert.Equal("c.json", options.ConfigFile);
        Assert.Equal(new[] { "x.db" }, options.ImmutableFiles);
        Assert.Equal(new[] { new KeyValuePair<string, string>("base_url", "/prefix/") }, options.Settings);
        Assert.True(options.Memory);
        Assert.Equal("s3cret", options.Secret);
        Assert.Equal("internal.db", options.InternalPath);
        Assert.True(options.Cors);
        Assert.True(options.Create);
        Assert.Equal("/-/versions.json", options.Get);
    }

    [Fact]
    public void ParseServe_reads_the_get_listen_and_sqlite_options()
    {
        var options = CommandLine.ParseServe(new[]
        {
            "--get", "/", "--headers", "--token", "dstok_x", "--actor", "{\"id\": \"a\"}", "--uds", "/tmp/d.sock",
            "--load-extension", "a.so", "--load-extension", "b.so:init_b", "--crossdb", "--nolock",
            "--ssl-keyfile", "k.pem", "--ssl-certfile", "c.pem",
        });
        Assert.True(options.Headers);
        Assert.Equal("dstok_x", options.Token);
        Assert.Equal("{\"id\": \"a\"}", options.Actor);
        Assert.Equal("/tmp/d.sock", options.Uds);
        Assert.Equal(new[] { "a.so", "b.so:init_b" }, options.LoadExtensions);
        Assert.True(options.CrossDb);
        Assert.True(options.NoLock);
        Assert.Equal("k.pem", options.SslKeyFile);
        Assert.Equal("c.pem", options.SslCertFile);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("65535", 65535)]
    public void ParseServe_accepts_ports_from_0_to_65535(string port, int expected)
    {
        Assert.Equal(expected, CommandLine.ParseServe(new[] { "-p", port }).Port);
    }

    [Theory]
    [InlineData("dog")]
    [InlineData("-1")]
    [InlineData("0.5")]
    [InlineData("65536")]
    [InlineData("")]
    public void ParseServe_rejects_a_bad_port_as_a_usage_error(string port)
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLine.ParseServe(new[] { "-p", port }));
        Assert.Equal(2, error.ExitCode);
        Assert.Equal($"Invalid value for '-p' / '--port': '{port}' is not in the range 0<=x<=65535.", error.Message);
    }

    [Theory]
    [InlineData("-p")]
    [InlineData("-c")]
    [InlineData("--secret")]
    public void ParseServe_reports_an_option_missing_its_value(string option)
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLine.ParseServe(new[] { option }));
        Assert.Equal($"Option '{option}' requires an argument.", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void ParseServe_reports_a_setting_missing_its_value()
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLine.ParseServe(new[] { "-s", "default_page_size" }));
        Assert.Equal("Option '-s' requires an argument.", error.Message);
    }

    [Fact]
    public void ParseServe_rejects_unknown_options()
    {
        var error = Assert.Throws<CommandLineException>(() => CommandLine.ParseServe(new[] { "--nope" }));
        Assert.Equal("No such option: --nope", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public async Task RunAsync_exits_with_code_2_for_a_bad_port_without_starting()
    {
        Assert.Equal(2, await DatasetteHost.RunAsync(new[] { "serve", "-p", "dog" }, TestServer.EmptyDeployment));
    }

    [Fact]
    public async Task A_missing_database_file_is_a_usage_error_naming_the_file()
    {
        using var file = new TempDatabaseFile();
        var missing = System.IO.Path.Combine(file.Directory, "missing.db");
        var error = await Assert.ThrowsAsync<CommandLineException>(() =>
            DatasetteHost.StartAsync(TestServer.EmptyDeployment, new ServeOptions { Files = new() { missing }, Port = 0 }));
        Assert.Equal($"Invalid value for '[FILES]...': Path '{missing}' does not exist.", error.Message);
        Assert.Equal(2, error.ExitCode);
        Assert.Equal(2, await DatasetteHost.RunAsync(new[] { missing, "-p", "0" }, TestServer.EmptyDeployment));
    }

    [Fact]
    public async Task The_same_file_given_twice_is_an_error_naming_both_spellings()
    {
        using var file = new TempDatabaseFile("create table t (v)");
        var other = System.IO.Path.Combine(file.Directory, ".", "test.db");
        var error = await Assert.ThrowsAsync<CommandLineException>(() =>
            DatasetteHost.StartAsync(TestServer.EmptyDeployment, new ServeOptions { Files = new() { file.Path, other }, Port = 0 }));
        Assert.Equal($"Duplicate database file: '{other}' and '{file.Path}' both refer to {file.Path}", error.Message);
        Assert.Equal(1, error.ExitCode);
    }
}

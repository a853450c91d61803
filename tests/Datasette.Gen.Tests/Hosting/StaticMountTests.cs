using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>
/// cli-and-config.md §2.1 and §5: <c>--static MOUNT:DIR</c> and a configuration directory's
/// <c>static/</c>, served as Datasette serves them, and nothing outside the folder.
/// </summary>
public sealed class StaticMountTests : IDisposable
{
    private const string Css = "body { color: red; }\n";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dsg-static-" + Guid.NewGuid().ToString("N"));

    public StaticMountTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "static", "css"));
        File.WriteAllText(Path.Combine(_directory, "static", "css", "site.css"), Css);
        File.WriteAllText(Path.Combine(_directory, "static", "a b.txt"), "spaced");
        File.WriteAllText(Path.Combine(_directory, "secret.txt"), "not for the web");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await DatasetteHost.RunAsync(args, TestServer.EmptyDeployment, output, error);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString());
    }

    private Task<(int Exit, string Output, string Error)> GetAsync(string path, params string[] more) =>
        RunAsync([_directory, .. more, "--get", path, "--headers"]);

    [Fact]
    public async Task A_file_of_the_directorys_static_folder_is_served_with_its_type_and_md5_etag()
    {
        var (exit, output, error) = await GetAsync("/static/css/site.css");
        Assert.True(exit == 0, output + error);
        Assert.StartsWith("HTTP/1.1 200\n", output);
        Assert.Contains("content-type: text/css\n", output);
        Assert.Contains($"etag: \"{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(Css)))}\"\n", output);
        Assert.DoesNotContain("cache-control: max-age=31536000", output);
        Assert.EndsWith("\n\n" + Css + "\n", output); // --get ends the body with a newline
    }

    [Fact]
    public async Task The_sha256_prefix_as_hash_caches_it_for_a_year()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))[..12];
        var (_, output, _) = await GetAsync($"/static/css/site.css?_hash={hash}");
        Assert.Contains("cache-control: max-age=31536000, immutable, public\n", output);
    }

    [Fact]
    public async Task An_encoded_name_is_decoded()
    {
        var (exit, output, _) = await GetAsync("/static/a%20b.txt");
        Assert.Equal(0, exit);
        Assert.EndsWith("\n\nspaced\n", output);
    }

    [Theory]
    [InlineData("/static/../secret.txt")]
    [InlineData("/static/..%2fsecret.txt")]
    [InlineData("/static/%2e%2e/secret.txt")]
    [InlineData("/static/css/..%2f..%2fsecret.txt")]
    [InlineData("/static/%2fetc%2fpasswd")]
    [InlineData("/static/x%00.css")]
    public async Task Nothing_outside_the_folder_is_served(string path)
    {
        var (exit, output, _) = await GetAsync(path);
        Assert.Equal(1, exit);
        Assert.DoesNotContain("not for the web", output);
        Assert.DoesNotContain("root:", output);
    }

    [Fact]
    public async Task A_link_out_of_the_folder_is_not_followed_and_one_inside_is()
    {
        File.CreateSymbolicLink(Path.Combine(_directory, "static", "out.txt"), Path.Combine(_directory, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_directory, "static", "up"), _directory);
        File.CreateSymbolicLink(Path.Combine(_directory, "static", "in.css"), Path.Combine(_directory, "static", "css", "site.css"));
        foreach (var path in new[] { "/static/out.txt", "/static/up/secret.txt" })
        {
            var (exit, output, _) = await GetAsync(path);
            Assert.Equal(1, exit);
            Assert.StartsWith("HTTP/1.1 404\n", output);
            Assert.DoesNotContain("not for the web", output);
        }
        var inside = await GetAsync("/static/in.css");
        Assert.Equal(0, inside.Exit);
        Assert.EndsWith(Css + "\n", inside.Output);
    }

    [Fact]
    public async Task A_folder_is_refused_and_a_missing_file_is_a_404()
    {
        var (_, folder, _) = await GetAsync("/static/css");
        Assert.StartsWith("HTTP/1.1 403\n", folder);
        Assert.EndsWith("403: Directory listing is not allowed\n", folder);
        var (_, missing, _) = await GetAsync("/static/nope.css");
        Assert.StartsWith("HTTP/1.1 404\n", missing);
    }

    [Fact]
    public async Task Minus_minus_static_mounts_a_folder_and_replaces_the_directorys()
    {
        var (exit, output, _) = await RunAsync(_directory, "--static", $"assets:{Path.Combine(_directory, "static", "css")}", "--get", "/assets/site.css");
        Assert.Equal(0, exit);
        Assert.Equal(Css + "\n", output);
        var (_, replaced, _) = await RunAsync(_directory, "--static", $"assets:{Path.Combine(_directory, "static", "css")}", "--get", "/static/css/site.css");
        Assert.DoesNotContain(Css, replaced);
    }

    [Fact]
    public async Task A_static_mount_answers_under_base_url()
    {
        var (exit, output, _) = await RunAsync(_directory, "-s", "base_url", "/prefix/", "--get", "/prefix/static/css/site.css");
        Assert.Equal(0, exit);
        Assert.Equal(Css + "\n", output);
    }

    [Theory]
    [InlineData("nocolon", "Error: Invalid value for '--static': \"nocolon\" should be of format mountpoint:directory")]
    [InlineData("x:/no/such/folder", "Error: Invalid value for '--static': x:/no/such/folder is not a valid directory path")]
    public async Task A_bad_static_option_is_a_usage_error(string value, string expected)
    {
        var (exit, _, error) = await RunAsync("--static", value, "--get", "/.json");
        Assert.Equal(2, exit);
        Assert.Equal(expected, error.Trim());
    }
}

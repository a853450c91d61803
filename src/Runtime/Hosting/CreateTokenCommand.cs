using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Tokens;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>datasette-gen create-token ACTOR --secret S [-e SECONDS] [-a ACTION] [-d DB ACTION]
/// [-r DB RESOURCE ACTION] [--debug]</c>: mints a signed API token offline, printed on its last
/// line (with --debug, the decoded payload after it), as <c>datasette create-token</c> does.
/// </summary>
internal static class CreateTokenCommand
{
    public const string Name = "create-token";

    /// <summary>The token asked for, filled in option by option.</summary>
    internal sealed class Arguments
    {
        public string? Id { get; set; }
        public string? Secret { get; set; }
        public long? ExpiresAfter { get; set; }
        public bool Debug { get; set; }
        public TokenRestrictions Restrictions { get; } = new();

        /// <summary>Every action named by a restriction, checked against the known actions afterwards.</summary>
        public List<string> NamedActions { get; } = new();

        public Arguments Restrict(Action<TokenRestrictions> restrict, string action)
        {
            restrict(Restrictions);
            NamedActions.Add(action);
            return this;
        }
    }

    internal static CommandSyntax<Arguments> Syntax { get; } = new(
        Name,
        "ID",
        "Create a signed API token for the specified actor ID.",
        [
            new("--secret", "TEXT", "Secret used for signing the API tokens [required] (or DATASETTE_SECRET)", (a, v) => { a.Secret = v[0]; return a; }),
            new("-e, --expires-after", "INTEGER", "Token should expire after this many seconds", (a, v) => { a.ExpiresAfter = ParseSeconds(v[0]); return a; }),
            new("-a, --all", "ACTION", "Restrict token to this action", (a, v) => a.Restrict(r => r.AllowAll(v[0]), v[0])),
            new("-d, --database", "DB ACTION", "Restrict token to this action on this database", (a, v) => a.Restrict(r => r.AllowDatabase(v[0], v[1]), v[1])),
            new("-r, --resource", "DB RESOURCE ACTION", "Restrict token to this action on this database resource (a table, SQL view or named query)",
                (a, v) => a.Restrict(r => r.AllowResource(v[0], v[1], v[2]), v[2])),
            new("--debug", "", "Show decoded token", (a, _) => { a.Debug = true; return a; }),
        ],
        (a, id) =>
        {
            a.Id = a.Id is null ? id : throw new CommandLineException($"Got unexpected extra argument ({id})");
            return a;
        });

    public static string Usage => Syntax.Usage;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var arguments = Syntax.Parse(args, new Arguments());
        var id = arguments.Id ?? throw new CommandLineException("Missing argument 'ID'.");
        var secret = arguments.Secret ?? Environment.GetEnvironmentVariable("DATASETTE_SECRET");
        if (string.IsNullOrEmpty(secret))
        {
            throw new CommandLineException("Missing option '--secret'.");
        }
        DatasetteHost.UseStaticSqlite();
        var internalDatabase = await InternalDatabase.OpenAsync(null).ConfigureAwait(false);
        await using var datasette = new Datasette(DatasetteConfig.Empty, internalDatabase, new DatasetteOptions { Secret = secret });
        foreach (var action in arguments.NamedActions)
        {
            if (!datasette.Actions.ContainsKey(action))
            {
                error.WriteLine($"  Unknown permission: {action} ");
            }
        }
        var token = await datasette.CreateTokenAsync(id, arguments.ExpiresAfter, arguments.Restrictions, handler: "signed").ConfigureAwait(false);
        output.WriteLine(token);
        if (arguments.Debug)
        {
            output.WriteLine();
            output.WriteLine("Decoded:");
            output.WriteLine();
            var decoded = datasette.Unsign(token[SignedTokenHandler.Prefix.Length..], "token");
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                if (decoded is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    decoded.WriteTo(writer);
                }
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        return 0;
    }

    private static long ParseSeconds(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new CommandLineException($"Invalid value for '-e' / '--expires-after': '{text}' is not a valid integer.");
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Tokens;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>datasette-gen create-token ACTOR --secret S [-e SECONDS] [-a ACTION] [-d DB ACTION]
/// [-r DB RESOURCE ACTION] [--debug]</c>: mints a signed API token offline, printed on its last
/// line (with --debug, the decoded payload after it), as <c>datasette create-token</c> does.
/// </summary>
public static class CreateTokenCommand
{
    public const string Name = "create-token";

    public const string Usage = """
        Usage: datasette create-token [OPTIONS] ID

          Create a signed API token for the specified actor ID

        Options:
          --secret TEXT                   Secret used for signing the API tokens  [required] (or DATASETTE_SECRET)
          -e, --expires-after INTEGER     Token should expire after this many seconds
          -a, --all ACTION                Restrict token to this action
          -d, --database DB ACTION        Restrict token to this action on this database
          -r, --resource DB RESOURCE ACTION
                                          Restrict token to this action on this database resource (a table, SQL view or named query)
          --debug                         Show decoded token
          --help                          Show this message and exit.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? id = null;
        string? secret = null;
        long? expiresAfter = null;
        var debug = false;
        var restrictions = new TokenRestrictions();
        var named = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value(string option) => i + 1 < args.Count ? args[++i] : throw new CommandLineException($"Option '{option}' requires an argument.");
            switch (arg)
            {
                case "--help":
                    output.WriteLine(Usage);
                    return 0;
                case "--secret":
                    secret = Value(arg);
                    break;
                case "-e" or "--expires-after":
                    var text = Value(arg);
                    if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
                    {
                        throw new CommandLineException($"Invalid value for '-e' / '--expires-after': '{text}' is not a valid integer.");
                    }
                    expiresAfter = seconds;
                    break;
                case "-a" or "--all":
                    var all = Value(arg);
                    restrictions.AllowAll(all);
                    named.Add(all);
                    break;
                case "-d" or "--database":
                    var database = Value(arg);
                    var databaseAction = Value(arg);
                    restrictions.AllowDatabase(database, databaseAction);
                    named.Add(databaseAction);
                    break;
                case "-r" or "--resource":
                    var resourceDatabase = Value(arg);
                    var resource = Value(arg);
                    var resourceAction = Value(arg);
                    restrictions.AllowResource(resourceDatabase, resource, resourceAction);
                    named.Add(resourceAction);
                    break;
                case "--debug":
                    debug = true;
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new CommandLineException($"No such option: {arg}");
                    }
                    if (id is not null)
                    {
                        throw new CommandLineException($"Got unexpected extra argument ({arg})");
                    }
                    id = arg;
                    break;
            }
        }
        if (id is null)
        {
            throw new CommandLineException("Missing argument 'ID'.");
        }
        secret ??= Environment.GetEnvironmentVariable("DATASETTE_SECRET");
        if (string.IsNullOrEmpty(secret))
        {
            throw new CommandLineException("Missing option '--secret'.");
        }
        DatasetteHost.UseStaticSqlite();
        var internalDatabase = await InternalDatabase.OpenAsync(null).ConfigureAwait(false);
        await using var datasette = new Datasette(DatasetteConfig.Empty, internalDatabase, new DatasetteOptions { Secret = secret });
        foreach (var action in named)
        {
            if (!datasette.Actions.ContainsKey(action))
            {
                error.WriteLine($"  Unknown permission: {action} ");
            }
        }
        var token = await datasette.CreateTokenAsync(id, expiresAfter, restrictions, handler: "signed").ConfigureAwait(false);
        output.WriteLine(token);
        if (debug)
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
}

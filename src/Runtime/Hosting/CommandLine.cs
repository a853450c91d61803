using System;
using System.Collections.Generic;
using System.Globalization;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Parses Datasette's command line: <c>serve [FILES] -h HOST -p PORT -m FILE -c FILE -i FILE
/// -s KEY VALUE --memory --secret S</c>; bare files mean <c>serve</c>.
/// </summary>
public static class CommandLine
{
    public const string Usage = """
        Usage: datasette [serve] [OPTIONS] [FILES]...

          Serve up specified SQLite database files with a web UI and JSON API.

        Options:
          -i, --immutable PATH     Database files to open in immutable mode
          -h, --host TEXT          Host to bind to (default 127.0.0.1)
          -p, --port INTEGER       Port to bind to (default 8001, 0 picks a free port)
          -m, --metadata FILE      Path to a JSON/YAML metadata file
          -c, --config FILE        Path to a JSON/YAML configuration file (replaces the compiled one)
          -s, --setting KEY VALUE  Setting or dotted configuration key
          --memory                 Also serve an in-memory database named _memory
          --secret TEXT            Secret used for signing cookies and tokens (or DATASETTE_SECRET)
          --root                   Output URL that sets a cookie authenticating the root user
          --default-deny           Deny all permissions by default
          --internal PATH          Persist the internal database in this file
          --cors                   Enable CORS headers
          --create                 Create missing database files
          --inspect-file PATH      Hashes and counts of immutable files, from `inspect`
          --get PATH               Print the response to one GET and exit
          --help                   Show this message and exit
        """;

    public static ServeOptions ParseServe(IReadOnlyList<string> args)
    {
        var files = new List<string>();
        var immutable = new List<string>();
        var settings = new List<KeyValuePair<string, string>>();
        var options = new ServeOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value(string name) => i + 1 < args.Count ? args[++i] : throw new CommandLineException($"Option '{name}' requires an argument.");
            switch (arg)
            {
                case "-i" or "--immutable":
                    immutable.Add(Value(arg));
                    break;
                case "-h" or "--host":
                    options = options with { Host = Value(arg) };
                    break;
                case "-p" or "--port":
                    var port = Value(arg);
                    if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
                    {
                        throw new CommandLineException($"Invalid value for '-p' / '--port': '{port}' is not in the range 0<=x<=65535.");
                    }
                    options = options with { Port = number };
                    break;
                case "-m" or "--metadata":
                    options = options with { MetadataFile = Value(arg) };
                    break;
                case "-c" or "--config":
                    options = options with { ConfigFile = Value(arg) };
                    break;
                case "-s" or "--setting":
                    var key = Value(arg);
                    settings.Add(new(key, Value(arg)));
                    break;
                case "--memory":
                    options = options with { Memory = true };
                    break;
                case "--secret":
                    options = options with { Secret = Value(arg) };
                    break;
                case "--root":
                    options = options with { Root = true };
                    break;
                case "--default-deny":
                    options = options with { DefaultDeny = true };
                    break;
                case "--internal":
                    options = options with { InternalPath = Value(arg) };
                    break;
                case "--cors":
                    options = options with { Cors = true };
                    break;
                case "--create":
                    options = options with { Create = true };
                    break;
                case "--inspect-file":
                    options = options with { InspectFile = Value(arg) };
                    break;
                case "--get":
                    options = options with { Get = Value(arg) };
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        throw new CommandLineException($"No such option: {arg}");
                    }
                    files.Add(arg);
                    break;
            }
        }
        return options with { Files = files, ImmutableFiles = immutable, Settings = settings };
    }
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Signing;
using Datasette.Gen.Runtime.Tokens;

namespace Datasette.Gen.Runtime;

/// <summary>How an instance is started, beyond its configuration: Datasette's CLI flags of that kind.</summary>
public sealed record DatasetteOptions
{
    /// <summary>Signing secret; null or empty means a random one for this process.</summary>
    public string? Secret { get; init; }

    /// <summary><c>--root</c>: the actor <c>{"id": "root"}</c> is allowed everything (as a global rule).</summary>
    public bool RootEnabled { get; init; }

    /// <summary><c>--default-deny</c>: no default grants.</summary>
    public bool DefaultDeny { get; init; }

    /// <summary><c>--cors</c>.</summary>
    public bool Cors { get; init; }

    /// <summary><c>--crossdb</c>: connections to <c>_memory</c> attach the first 10 file databases by name.</summary>
    public bool CrossDb { get; init; }

    /// <summary><c>--nolock</c>: mutable files are read with <c>nolock=1</c>.</summary>
    public bool NoLock { get; init; }

    /// <summary><c>--load-extension</c> values, <c>PATH</c> or <c>PATH:ENTRYPOINT</c>, loaded into every data connection.</summary>
    public IReadOnlyList<string>? SqliteExtensions { get; init; }

    /// <summary>The generator's compiled rules; used when they were compiled from the same configuration.</summary>
    public CompiledPermissions? CompiledPermissions { get; init; }

    /// <summary>The deployment's actions (<c>Deployment.Actions</c>): the built-in ones plus those of plugins.</summary>
    public IReadOnlyList<ActionDefinition>? Actions { get; init; }

    /// <summary>The deployment's plugins and their hooks (<c>Deployment.Plugins</c>).</summary>
    public PluginRegistry? Plugins { get; init; }

    /// <summary>The deployment's page templates (<c>Deployment.Templates</c>, from <c>templates/*.cshtml</c>).</summary>
    public TemplateOverrides? Templates { get; init; }

    /// <summary><c>--static MOUNT:DIR</c> and a configuration directory's <c>static/</c>: folders served at <c>/MOUNT/</c>.</summary>
    internal IReadOnlyList<StaticMount> StaticMounts { get; init; } = [];

    /// <summary><c>--version-note</c>: <c>datasette.note</c> in <c>/-/versions</c>.</summary>
    internal string? VersionNote { get; init; }
}

/// <summary>
/// The running instance: configuration, attached databases in order, the internal database,
/// actions, permission rules, signing and tokens. The plugin-facing API of the seed lives here.
/// </summary>
public sealed partial class Datasette : IAsyncDisposable
{
    /// <summary>The Datasette release whose behaviour this runtime reproduces.</summary>
    public const string CompatibleVersion = "1.0a37";

    public const MessageType INFO = MessageType.Info;
    public const MessageType WARNING = MessageType.Warning;
    public const MessageType ERROR = MessageType.Error;

    private readonly Dictionary<string, ActionDefinition> _actions = new(StringComparer.Ordinal);
    private readonly object _rootTokenLock = new();
    private string? _rootToken;
    private bool _rootTokenUsed;

    internal Datasette(DatasetteConfig config, InternalDatabase internalDatabase, DatasetteOptions? options = null)
    {
        options ??= new DatasetteOptions();
        Config = config;
        Internal = internalDatabase;
        Options = options;
        foreach (var action in ActionDefinition.BuiltIn)
        {
            RegisterAction(action);
        }
        foreach (var action in options.Actions ?? Array.Empty<ActionDefinition>())
        {
            RegisterAction(action);
        }
        Signer = string.IsNullOrEmpty(options.Secret) ? Signer.WithRandomSecret() : new Signer(options.Secret);
        Urls = new DatasetteUrls(this);
        PermissionRules = PermissionRules.For(config, options.CompiledPermissions);
        Permissions = new PermissionChecker(internalDatabase.Database, _actions, DefaultPermissions.For(options.RootEnabled, options.DefaultDeny, config.Settings, PermissionRules), PermissionRules.Compiled);
        TokenHandlers.Add(new SignedTokenHandler());
        ActorSources.Add(new TokenActorSource());
        ActorSources.Add(new CookieActorSource());
        Plugins = options.Plugins ?? PluginRegistry.Empty;
        InstallPlugins();
    }

    /// <summary>The deployment's template overrides, consulted by each page before its built-in template.</summary>
    internal TemplateOverrides Templates => Options.Templates ?? TemplateOverrides.None;

    public DatasetteConfig Config { get; }

    public DatasetteOptions Options { get; }

    public Settings Settings => Config.Settings;

    internal InternalDatabase Internal { get; }

    internal PermissionChecker Permissions { get; }

    /// <summary><c>datasette.urls</c>: links that honour base_url.</summary>
    public DatasetteUrls Urls { get; }

    /// <summary>The configuration's allow blocks as rules, with compiled or interpreted matchers.</summary>
    internal PermissionRules PermissionRules { get; }

    internal Signer Signer { get; }

    public bool RootEnabled => Options.RootEnabled;

    public bool DefaultDeny => Options.DefaultDeny;

    public bool Cors => Options.Cors;

    /// <summary>The clock tokens and cookies are checked against.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Token backends, asked in order; the first is the default for <see cref="CreateTokenAsync"/>.</summary>
    public List<ITokenHandler> TokenHandlers { get; } = new();

    /// <summary>Where actors come from, asked in order (Datasette's actor_from_request hooks): plugins insert theirs first.</summary>
    internal List<IActorSource> ActorSources { get; } = new();

    /// <summary>Registered actions by name (Datasette's <c>datasette.actions</c>).</summary>
    public IReadOnlyDictionary<string, ActionDefinition> Actions => _actions;

    /// <summary>
    /// The one-time root login token printed by <c>--root</c> (64 hex characters), or null
    /// once it has been used.
    /// </summary>
    public string? RootToken
    {
        get
        {
            lock (_rootTokenLock)
            {
                return UnusedRootToken();
            }
        }
    }

    /// <summary>Registers an action; a different action reusing a name or abbreviation is an error.</summary>
    public void RegisterAction(ActionDefinition action)
    {
        if (_actions.TryGetValue(action.Name, out var existing))
        {
            if (existing == action)
            {
                return;
            }
            throw new InvalidOperationException("Duplicate action name: " + action.Name);
        }
        if (action.Abbr is not null)
        {
            foreach (var other in _actions.Values)
            {
                if (other.Abbr == action.Abbr)
                {
                    throw new InvalidOperationException("Duplicate action abbr: " + action.Abbr);
                }
            }
        }
        _actions[action.Name] = action;
    }

    /// <summary>An action by name, then by abbreviation; null if neither matches.</summary>
    public ActionDefinition? GetAction(string nameOrAbbr)
    {
        if (_actions.TryGetValue(nameOrAbbr, out var action))
        {
            return action;
        }
        foreach (var candidate in _actions.Values)
        {
            if (candidate.Abbr == nameOrAbbr)
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>Signs a JSON value in a namespace (itsdangerous URLSafeSerializer, as Datasette's <c>sign</c>).</summary>
    public string Sign(JsonNode? value, string ns = "default") => Signer.Sign(value, ns);

    /// <summary>The value <see cref="Sign"/> signed; <see cref="BadSignatureException"/> if it was not, or was altered.</summary>
    public JsonNode? Unsign(string signed, string ns = "default") => Signer.Unsign(signed, ns);

    /// <summary>The root token, drawn on first use (the random source loads OpenSSL); null once used. Caller holds the lock.</summary>
    private string? UnusedRootToken() =>
        _rootTokenUsed ? null : _rootToken ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Consumes the root login token when <paramref name="token"/> matches it (constant time).</summary>
    public RootLogin UseRootToken(string token)
    {
        lock (_rootTokenLock)
        {
            if (UnusedRootToken() is not { } rootToken)
            {
                return RootLogin.AlreadyUsed;
            }
            var expected = System.Text.Encoding.UTF8.GetBytes(rootToken);
            var given = System.Text.Encoding.UTF8.GetBytes(token);
            if (!CryptographicOperations.FixedTimeEquals(expected, given))
            {
                return RootLogin.Invalid;
            }
            _rootTokenUsed = true;
            return RootLogin.LoggedIn;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databaseList)
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }
        await Internal.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>The outcome of presenting the one-time root login token.</summary>
public enum RootLogin
{
    LoggedIn,
    Invalid,
    AlreadyUsed,
}

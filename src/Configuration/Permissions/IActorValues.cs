namespace Datasette.Gen.Configuration.Permissions;

/// <summary>
/// What an allow-block matcher may ask about an actor. Each "Has" question is about the
/// actor's value for <c>key</c>: missing or null never matches; a list matches when any
/// element does; equality is Python's (<c>5 != "5"</c>, <c>true == 1</c>, <c>1 == 1.0</c>).
/// Compiled matchers (generated code) and the interpreted <see cref="AllowMatcher"/> ask the
/// same questions, so both decide alike.
/// </summary>
public interface IActorValues
{
    /// <summary>The actor has the key at all, even with a null value (the <c>"*"</c> test).</summary>
    bool HasKey(string key);

    bool HasString(string key, string value);

    bool HasInteger(string key, long value);

    bool HasFloat(string key, double value);
}

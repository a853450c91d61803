namespace Datasette.Gen.Runtime.Extras;

/// <summary>
/// One <c>_extra=</c> block: its name and description (shown by the <c>extras</c> block), the
/// scopes that offer it, the scopes that show it without being asked (<paramref name="DefaultIn"/>),
/// and the blocks it brings along (<paramref name="Implies"/>: asking for <c>count</c> also writes
/// <c>count_truncated</c>). An internal block (<paramref name="Public"/> false) is never accepted
/// from <c>_extra=</c>; it only exists to be shown by default.
/// </summary>
internal sealed record ExtraDefinition(
    Extra Id,
    string Name,
    string Description,
    ExtraScopes Scopes,
    ExtraScopes DefaultIn = ExtraScopes.None,
    ExtraSet Implies = default,
    bool Public = true);

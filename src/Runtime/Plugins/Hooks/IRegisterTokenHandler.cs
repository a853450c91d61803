using Datasette.Gen.Runtime.Tokens;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>register_token_handler(datasette)</c>: a token backend, added after the built-in
/// signed handler (which stays the default of <see cref="Datasette.CreateTokenAsync"/>);
/// <see cref="Datasette.VerifyTokenAsync"/> asks every handler in order.
/// </summary>
public interface IRegisterTokenHandler
{
    ITokenHandler? RegisterTokenHandler(Datasette datasette);
}

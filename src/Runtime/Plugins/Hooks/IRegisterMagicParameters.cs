namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>register_magic_parameters(datasette)</c>: <c>:_prefix_key</c> parameters that
/// stored queries get from the request rather than the query string, beside the built-in
/// <c>_actor_</c>, <c>_header_</c>, <c>_cookie_</c>, <c>_now_</c> and <c>_random_</c>.
/// </summary>
public interface IRegisterMagicParameters
{
    IEnumerable<MagicParameter> RegisterMagicParameters(Datasette datasette);
}

using System.Globalization;
using System.Text.Json;

namespace Engine.Binance.Live.Account;

/// <summary>
/// The account checks of <c>engine live</c> before any order (issue #17), against the run's environment:
/// <list type="number">
/// <item>every symbol is listed by <c>GET /fapi/v1/exchangeInfo</c> with <c>status</c> TRADING;</item>
/// <item>one-way position mode (<c>GET /fapi/v1/positionSide/dual</c> answers <c>dualSidePosition=false</c>): the
/// engine sends <c>positionSide=BOTH</c> orders, which hedge mode refuses;</item>
/// <item>multi-assets mode off (<c>GET /fapi/v1/multiAssetsMargin</c>): the engine's margin is USDT alone;</item>
/// <item>the USDT <c>availableBalance</c> (<c>GET /fapi/v2/balance</c>) at least <see cref="AccountCheckOptions.MinAvailableBalance"/>;</item>
/// <item>then, only when all of those passed, the margin type (<c>POST /fapi/v1/marginType</c>; -4046 "no need to
/// change" is fine) and the leverage (<c>POST /fapi/v1/leverage</c>, the answer's leverage must equal the setting) of
/// each symbol are set as configured.</item>
/// </list>
/// A refusal says what is wrong and how to fix it; the account is changed only when every read check passed. A key the
/// venue refuses (-2014, -2015, -1022) or a venue that does not answer ends the checks at once. Cold path, run once.
/// </summary>
public sealed class LiveStartChecks : IDisposable
{
    private readonly SignedRestClient _rest;
    private readonly AccountCheckOptions _options;

    public LiveStartChecks(VenueAccess access, AccountCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rest = new SignedRestClient(access);
        _options = options;
    }

    /// <summary>Runs every check for <paramref name="symbols"/> (Binance names, e.g. <c>BTCUSDT</c>); never throws for what the venue answers.</summary>
    public async Task<StartCheckResult> RunAsync(IReadOnlyList<string> symbols, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var refusals = new List<string>();
        var notes = new List<string>();
        IReadOnlyList<string> invalid = _options.Validate();
        if (invalid.Count > 0)
        {
            refusals.AddRange(invalid);
            return new StartCheckResult(refusals, notes);
        }

        bool reachable = await CheckSymbolsAsync(symbols, refusals, notes, cancel).ConfigureAwait(false)
            && await CheckFlagAsync("/fapi/v1/positionSide/dual", "dualSidePosition", OneWayRefusal, "position mode one-way", refusals, notes, cancel).ConfigureAwait(false)
            && await CheckFlagAsync("/fapi/v1/multiAssetsMargin", "multiAssetsMargin", MultiAssetsRefusal, "multi-assets mode off", refusals, notes, cancel).ConfigureAwait(false)
            && await CheckBalanceAsync(refusals, notes, cancel).ConfigureAwait(false);
        if (!reachable || refusals.Count > 0)
        {
            return new StartCheckResult(refusals, notes);
        }

        foreach (string symbol in symbols)
        {
            if (!await SetMarginTypeAsync(symbol, refusals, notes, cancel).ConfigureAwait(false)
                || !await SetLeverageAsync(symbol, refusals, notes, cancel).ConfigureAwait(false))
            {
                break;
            }
        }

        return new StartCheckResult(refusals, notes);
    }

    private const string OneWayRefusal = "the account is in hedge mode (dualSidePosition=true) and the engine trades one-way (positionSide BOTH): switch the account to one-way mode (Binance: Preferences > Position Mode; or POST /fapi/v1/positionSide/dual dualSidePosition=false) while it has no open order or position";
    private const string MultiAssetsRefusal = "the account is in multi-assets margin mode and the engine's margin is USDT alone: switch to single-asset mode (Binance: Preferences > Asset Mode; or POST /fapi/v1/multiAssetsMargin multiAssetsMargin=false)";

    /// <summary>False when the venue could not be asked (no answer, key refused): the refusal is added and checking ends.</summary>
    private static bool Answered(VenueReply reply, List<string> refusals)
    {
        if (reply.Ok)
        {
            return true;
        }

        if (reply.Status == 0)
        {
            refusals.Add($"the venue did not answer ({reply.Describe()}): check the endpoint and the network");
        }
        else if (reply.Code is -2014 or -2015 or -1022 || reply.Status == 401)
        {
            refusals.Add($"the venue refused the API key ({reply.Describe()}): check the key and secret, the key's IP restriction, and that it may trade USD-M futures");
        }
        else
        {
            refusals.Add(reply.Describe());
        }

        return false;
    }

    private async Task<bool> CheckSymbolsAsync(IReadOnlyList<string> symbols, List<string> refusals, List<string> notes, CancellationToken cancel)
    {
        VenueReply info = await _rest.PublicAsync("/fapi/v1/exchangeInfo", cancel).ConfigureAwait(false);
        if (!Answered(info, refusals))
        {
            return false;
        }

        var status = new Dictionary<string, string>(StringComparer.Ordinal);
        if (info.Json.ValueKind == JsonValueKind.Object && info.Json.TryGetProperty("symbols", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement s in list.EnumerateArray())
            {
                if (s.TryGetProperty("symbol", out JsonElement name) && s.TryGetProperty("status", out JsonElement st))
                {
                    status[name.GetString() ?? ""] = st.GetString() ?? "";
                }
            }
        }

        foreach (string symbol in symbols)
        {
            if (!status.TryGetValue(symbol, out string? st))
            {
                refusals.Add($"{symbol} is not listed by the venue's exchangeInfo: check the symbol and the environment (testnet and production list different symbols)");
            }
            else if (st != "TRADING")
            {
                refusals.Add($"{symbol} has status {st}, not TRADING: the venue takes no orders in it now; remove it from --symbols or wait");
            }
        }

        notes.Add($"symbols TRADING: {string.Join(", ", symbols.Where(s => status.GetValueOrDefault(s) == "TRADING"))}");
        return true;
    }

    /// <summary>A settings flag that must be false (position mode, multi-assets mode).</summary>
    private async Task<bool> CheckFlagAsync(string path, string field, string refusal, string note, List<string> refusals, List<string> notes, CancellationToken cancel)
    {
        VenueReply reply = await _rest.SignedAsync(HttpMethod.Get, path, "", cancel).ConfigureAwait(false);
        if (!Answered(reply, refusals))
        {
            return false;
        }

        if (reply.Json.ValueKind != JsonValueKind.Object || !reply.Json.TryGetProperty(field, out JsonElement flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            refusals.Add($"GET {path}: the answer has no {field} flag, so the account's mode is unknown");
        }
        else if (flag.GetBoolean())
        {
            refusals.Add(refusal);
        }
        else
        {
            notes.Add(note);
        }

        return true;
    }

    private async Task<bool> CheckBalanceAsync(List<string> refusals, List<string> notes, CancellationToken cancel)
    {
        VenueReply reply = await _rest.SignedAsync(HttpMethod.Get, "/fapi/v2/balance", "", cancel).ConfigureAwait(false);
        if (!Answered(reply, refusals))
        {
            return false;
        }

        decimal? available = null;
        if (reply.Json.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement asset in reply.Json.EnumerateArray())
            {
                if (asset.TryGetProperty("asset", out JsonElement a) && a.GetString() == "USDT"
                    && asset.TryGetProperty("availableBalance", out JsonElement b)
                    && decimal.TryParse(b.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out decimal value))
                {
                    available = value;
                }
            }
        }

        var inv = CultureInfo.InvariantCulture;
        if (available is null)
        {
            refusals.Add("GET /fapi/v2/balance: no USDT balance in the answer (the engine's margin asset is USDT)");
        }
        else if (available < _options.MinAvailableBalance)
        {
            refusals.Add(string.Create(inv, $"the available USDT balance {available} is below Account:MinAvailableBalance {_options.MinAvailableBalance}: deposit, free margin, or lower the setting"));
        }
        else
        {
            notes.Add(string.Create(inv, $"available USDT balance {available} (minimum {_options.MinAvailableBalance})"));
        }

        return true;
    }

    private async Task<bool> SetMarginTypeAsync(string symbol, List<string> refusals, List<string> notes, CancellationToken cancel)
    {
        string type = _options.MarginType;
        VenueReply reply = await _rest.SignedAsync(HttpMethod.Post, "/fapi/v1/marginType", $"symbol={symbol}&marginType={type}", cancel).ConfigureAwait(false);
        if (reply.Code == -4046)
        {
            notes.Add($"{symbol} margin type {type} (already)");
            return true;
        }

        if (reply.Code is -4047 or -4048)
        {
            refusals.Add($"{symbol}: the margin type cannot be set to {type} while the symbol has {(reply.Code == -4047 ? "an open order" : "a position")} ({reply.Describe()}): close it, or set Account:MarginType to the account's type");
            return false;
        }

        if (!Answered(reply, refusals))
        {
            return false;
        }

        notes.Add($"{symbol} margin type set to {type}");
        return true;
    }

    private async Task<bool> SetLeverageAsync(string symbol, List<string> refusals, List<string> notes, CancellationToken cancel)
    {
        int leverage = _options.LeverageOf(symbol);
        VenueReply reply = await _rest.SignedAsync(HttpMethod.Post, "/fapi/v1/leverage", string.Create(CultureInfo.InvariantCulture, $"symbol={symbol}&leverage={leverage}"), cancel).ConfigureAwait(false);
        if (!Answered(reply, refusals))
        {
            return false;
        }

        int? set = reply.Json.ValueKind == JsonValueKind.Object && reply.Json.TryGetProperty("leverage", out JsonElement l) && l.TryGetInt32(out int v) ? v : null;
        if (set != leverage)
        {
            refusals.Add(string.Create(CultureInfo.InvariantCulture, $"{symbol}: leverage {leverage} was asked, the venue answered {(set is null ? "no leverage" : set.Value.ToString(CultureInfo.InvariantCulture))}"));
            return false;
        }

        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{symbol} leverage set to {leverage}x"));
        return true;
    }

    public void Dispose() => _rest.Dispose();
}

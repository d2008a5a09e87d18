using System.Globalization;
using Engine.Model;

namespace Engine.Sim.Trading;

/// <summary>
/// The parameters of one request, name → string value, exactly as parsed from a REST query/body or a WS API
/// <c>params</c> object (the first of a repeated name wins, as the query string does on Binance). Reading a value
/// either succeeds or yields the Binance error for it.
/// </summary>
public sealed class DeskParams
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _list;

    public DeskParams(IReadOnlyList<KeyValuePair<string, string>> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        _list = list;
    }

    public static DeskParams Of(params (string Name, string Value)[] pairs) => new([.. pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))]);

    public IReadOnlyList<KeyValuePair<string, string>> All => _list;

    public string? this[string name]
    {
        get
        {
            foreach (var p in _list)
            {
                if (p.Key == name)
                {
                    return p.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The first error of checks that all ran (each assigns its out value either way), null when none failed.</summary>
    internal static SimError? First(params SimError?[] errors)
    {
        foreach (SimError? e in errors)
        {
            if (e is not null)
            {
                return e;
            }
        }

        return null;
    }

    public bool Has(string name) => !string.IsNullOrEmpty(this[name]);

    internal SimError? Required(string name, out string value)
    {
        value = this[name] ?? "";
        return value.Length == 0 ? SimError.Mandatory(name) : null;
    }

    internal SimError? Decimal(string name, bool required, out long e8)
    {
        e8 = 0;
        string? text = this[name];
        if (string.IsNullOrEmpty(text))
        {
            return required ? SimError.Mandatory(name) : null;
        }

        if (!FixedPoint.TryParse(text.AsSpan(), out e8))
        {
            return SimError.BadRequest(-1111, "Precision is over the maximum defined for this asset.");
        }

        return null;
    }

    internal SimError? Bool(string name, out bool value)
    {
        value = false;
        string? text = this[name];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return null;
        }

        return text.Equals("false", StringComparison.OrdinalIgnoreCase) ? null : SimError.IllegalValue(name);
    }

    internal SimError? Long(string name, bool required, out long value)
    {
        value = 0;
        string? text = this[name];
        if (string.IsNullOrEmpty(text))
        {
            return required ? SimError.Mandatory(name) : null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) ? null : SimError.IllegalValue(name);
    }

    internal SimError? Side(out Side side)
    {
        side = default;
        SimError? e = Required("side", out string text);
        if (e is not null)
        {
            return e;
        }

        switch (text)
        {
            case "BUY": side = Model.Side.Buy; return null;
            case "SELL": side = Model.Side.Sell; return null;
            default: return SimError.BadRequest(-1117, "Invalid side.");
        }
    }

    internal SimError? TimeInForce(bool required, out TimeInForce tif)
    {
        tif = Model.TimeInForce.Gtc;
        string? text = this["timeInForce"];
        if (string.IsNullOrEmpty(text))
        {
            return required ? SimError.Mandatory("timeInForce") : null;
        }

        tif = text switch
        {
            "GTC" => Model.TimeInForce.Gtc,
            "IOC" => Model.TimeInForce.Ioc,
            "FOK" => Model.TimeInForce.Fok,
            "GTX" => Model.TimeInForce.Gtx,
            _ => Model.TimeInForce.None,
        };
        return tif == Model.TimeInForce.None ? SimError.BadRequest(-1115, "Invalid timeInForce.") : null;
    }

    internal static string TimeInForceText(TimeInForce tif) => tif switch
    {
        Model.TimeInForce.Ioc => "IOC",
        Model.TimeInForce.Fok => "FOK",
        Model.TimeInForce.Gtx => "GTX",
        _ => "GTC",
    };
}

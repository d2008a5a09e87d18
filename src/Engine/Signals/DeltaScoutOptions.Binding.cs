using System.Globalization;

namespace Engine.Signals;

/// <summary>Reading the settings under the original script's names (environment, .env or config files).</summary>
public sealed partial record DeltaScoutOptions
{
    /// <summary>
    /// Applies every recognised key (case-insensitive, e.g. <c>IMB_MIN=0.54</c>) over <paramref name="defaults"/>;
    /// other keys are ignored. Text that is not an invariant-culture number becomes an error naming key and text;
    /// an empty IMB_MIN_LONG / IMB_MIN_SHORT means "fall back to IMB_MIN". Range checks are <see cref="Validate"/>'s.
    /// </summary>
    public static DeltaScoutOptions FromSettings(
        IEnumerable<KeyValuePair<string, string?>> settings, out IReadOnlyList<string> errors, DeltaScoutOptions? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        DeltaScoutOptions o = defaults ?? new DeltaScoutOptions();
        foreach ((string rawKey, string? rawValue) in settings)
        {
            string key = rawKey.Trim().ToUpperInvariant();
            string text = (rawValue ?? string.Empty).Trim();
            switch (key)
            {
                case RollWindowMinKey: o = o with { RollWindowMin = Int(key, text, o.RollWindowMin, problems) }; break;
                case VwapWindowMinKey: o = o with { VwapWindowMin = Int(key, text, o.VwapWindowMin, problems) }; break;
                case PocStepUsdKey: o = o with { PocStepUsd = Number(key, text, o.PocStepUsd, problems) }; break;
                case ZeroQtyThKey: o = o with { ZeroQtyTh = Number(key, text, o.ZeroQtyTh, problems) }; break;
                case Avg9MaxKey: o = o with { Avg9Max = Number(key, text, o.Avg9Max, problems) }; break;
                case Chop30MaxKey: o = o with { Chop30Max = Number(key, text, o.Chop30Max, problems) }; break;
                case Coh10MinKey: o = o with { Coh10Min = Number(key, text, o.Coh10Min, problems) }; break;
                case ImbMinKey: o = o with { ImbMin = Number(key, text, o.ImbMin, problems) }; break;
                case ImbMaxKey: o = o with { ImbMax = Number(key, text, o.ImbMax, problems) }; break;
                case VwapMaxDistUsdKey: o = o with { VwapMaxDistUsd = Number(key, text, o.VwapMaxDistUsd, problems) }; break;
                case ImbMinLongKey: o = o with { ImbMinLong = text.Length == 0 ? null : Number(key, text, o.ImbMin, problems) }; break;
                case ImbMinShortKey: o = o with { ImbMinShort = text.Length == 0 ? null : Number(key, text, o.ImbMin, problems) }; break;
                default: break;
            }
        }

        errors = problems;
        return o;
    }

    private static int Int(string key, string text, int fallback, List<string> problems)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        problems.Add($"{key}='{text}': not a whole number");
        return fallback;
    }

    private static double Number(string key, string text, double fallback, List<string> problems)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        problems.Add($"{key}='{text}': not a number");
        return fallback;
    }
}

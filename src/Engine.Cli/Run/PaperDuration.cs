using System.Globalization;
using Engine.Cli.Configuration;

namespace Engine.Cli.Run;

/// <summary>
/// <c>--duration</c>: whole seconds (<c>90</c>) or a whole number with one unit, <c>s</c>, <c>m</c> or <c>h</c>
/// (<c>90s</c>, <c>15m</c>, <c>2h</c>). At least one second, at most 366 days: a run that long is a typo.
/// </summary>
public static class PaperDuration
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out TimeSpan duration))
        {
            throw new ConfigurationException($"--duration {text}: expected whole seconds (90) or a whole number with a unit s, m or h (90s, 15m, 2h), from 1 second to 366 days");
        }

        return duration;
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        string t = (text ?? string.Empty).Trim();
        if (t.Length == 0)
        {
            return false;
        }

        long unitSeconds = char.ToLowerInvariant(t[^1]) switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => 0,
        };
        string number = unitSeconds == 0 ? t : t[..^1];
        if (unitSeconds == 0)
        {
            unitSeconds = 1;
        }

        // Digits only: no sign, no decimals, no spaces between the number and its unit.
        if (number.Length == 0 || number.Length > 9 || !number.All(char.IsAsciiDigit)
            || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
        {
            return false;
        }

        long seconds = count * unitSeconds;
        if (seconds < 1 || seconds > (long)Longest.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }
}

namespace Engine.Cli.Configuration;

/// <summary>Parses <c>--set Section:Name=Value</c> overrides.</summary>
public static class CommandLineOverrides
{
    public static IEnumerable<(string Key, string Value, string Option)> Parse(IEnumerable<string> assignments)
    {
        foreach (string assignment in assignments)
        {
            int eq = assignment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !assignment[..eq].Contains(':', StringComparison.Ordinal))
            {
                throw new ConfigurationException($"--set {assignment}: expected Section:Name=Value, e.g. --set DeltaScout:IMB_MIN=0.54");
            }

            yield return (assignment[..eq].Trim(), assignment[(eq + 1)..].Trim(), "--set");
        }
    }
}

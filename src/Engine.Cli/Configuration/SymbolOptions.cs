using System.Globalization;

namespace Engine.Cli.Configuration;

/// <summary>
/// The traded symbol and how its volume bars are cut. Its venue filters come from <c>Run:ExchangeInfo</c> when given,
/// otherwise from the tick, step, minimum quantity and minimum notional here (defaults: Binance USD-M BTCUSDT).
/// </summary>
public sealed class SymbolOptions
{
    public string Name { get; set; } = "BTCUSDT";

    public decimal TickSize { get; set; } = 0.1m;

    public decimal StepSize { get; set; } = 0.001m;

    public decimal MinQty { get; set; } = 0.001m;

    public decimal MinNotional { get; set; } = 5m;

    /// <summary>Base-asset volume per bar, or quote volume when <see cref="DollarBars"/>.</summary>
    public decimal BarSize { get; set; } = 10m;

    public bool DollarBars { get; set; }

    public void Validate(ICollection<string> errors)
    {
        // The symbol registry's own rule, checked here so a bad name is a configuration error, not a failed run.
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > Engine.Model.SymbolRegistry.MaxSymbolLength
            || Name.Any(c => c is <= ' ' or > '~' or ',' or '"'))
        {
            errors.Add($"Symbol:{nameof(Name)} = '{Name}': must be a symbol name such as BTCUSDT, 1 to {Engine.Model.SymbolRegistry.MaxSymbolLength} printable ASCII characters without spaces, commas or quotes");
        }

        Positive(errors, nameof(TickSize), TickSize);
        Positive(errors, nameof(StepSize), StepSize);
        Positive(errors, nameof(BarSize), BarSize);
        if (MinQty < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Symbol:{nameof(MinQty)} = {MinQty}: must be 0 or more"));
        }

        if (MinNotional < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Symbol:{nameof(MinNotional)} = {MinNotional}: must be 0 or more"));
        }
    }

    private static void Positive(ICollection<string> errors, string name, decimal value)
    {
        if (value <= 0 || value * 100_000_000m != decimal.Truncate(value * 100_000_000m))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Symbol:{name} = {value}: must be more than 0 with at most 8 decimals"));
        }
    }
}

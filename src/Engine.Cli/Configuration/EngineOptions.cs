using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Risk;
using Engine.Signals;

namespace Engine.Cli.Configuration;

/// <summary>
/// Everything configurable, by section. Loaded once at start-up by <see cref="EngineConfigurationLoader"/> and validated
/// before anything runs. The stage sections are the stages' own option records, bound in place by the configuration
/// binder (it sets <c>init</c> properties too) on fresh instances.
/// </summary>
public sealed class EngineOptions
{
    public RunOptions Run { get; } = new();

    public RuntimeOptions Runtime { get; } = new();

    public SymbolOptions Symbol { get; } = new();

    public DeltaScoutOptions DeltaScout { get; } = new();

    public VolumeSignalOptions VolumeSignal { get; } = new();

    /// <summary>The latency probe (<c>Run:Signal = LatencyProbe</c>).</summary>
    public LatencyProbeOptions Probe { get; } = new();

    public RiskOptions Risk { get; } = new();

    /// <summary>The OMS settings. Its configuration section keeps the name `Executor` that existing config files use.</summary>
    public OrderManagerOptions OrderManager { get; } = new();

    public PaperVenueOptions Paper { get; } = new();

    public EventJournalSettings EventJournal { get; } = new();

    /// <summary>Binance's hosts for the live commands (<c>engine paper</c>) and how often exchangeInfo is re-read.</summary>
    public BinanceOptions Binance { get; } = new();

    /// <summary><c>engine live</c>: environment, keys, transport, start and stop.</summary>
    public VenueOptions Venue { get; } = new();

    /// <summary><c>engine live</c>: the account checks at start.</summary>
    public AccountSettings Account { get; } = new();

    /// <summary><c>engine live</c>: the venue's countdown cancel of resting entries.</summary>
    public DeadManSettings DeadMan { get; } = new();

    /// <summary><c>engine live</c>: what a link down with a position open does.</summary>
    public HealthSettings Health { get; } = new();

    /// <summary><c>engine live</c>: the alert webhook.</summary>
    public AlertSettings Alerts { get; } = new();

    /// <summary>The sections in the order `config show` prints them.</summary>
    public IEnumerable<(string Name, object Options)> Sections()
    {
        yield return ("Run", Run);
        yield return ("Runtime", Runtime);
        yield return ("Symbol", Symbol);
        yield return ("DeltaScout", DeltaScout);
        yield return ("VolumeSignal", VolumeSignal);
        yield return ("Probe", Probe);
        yield return ("Risk", Risk);
        yield return ("Executor", OrderManager);
        yield return ("Paper", Paper);
        yield return ("EventJournal", EventJournal);
        yield return ("Binance", Binance);
        yield return ("Venue", Venue);
        yield return ("Account", Account);
        yield return ("DeadMan", DeadMan);
        yield return ("Health", Health);
        yield return ("Alerts", Alerts);
    }

    public void Validate(ICollection<string> errors)
    {
        Run.Validate(errors);
        Runtime.Validate(errors);
        Symbol.Validate(errors);
        Prefixed(errors, "DeltaScout", DeltaScout.Validate());
        Prefixed(errors, "VolumeSignal", VolumeSignal.Validate());
        Prefixed(errors, "Probe", Probe.Validate());
        Prefixed(errors, "Risk", Risk.Validate());
        Thrown(errors, "Executor", OrderManager.Validate);
        Thrown(errors, "Paper", Paper.Validate);
        EventJournal.Validate(errors);
        Binance.Validate(errors);
        Venue.Validate(errors);
        Prefixed(errors, "Account", Account.ToOptions().Validate());
        Prefixed(errors, "DeadMan", DeadMan.ToOptions().Validate());
        Prefixed(errors, "Health", Health.ToOptions().Validate());
        Prefixed(errors, "Alerts", Alerts.ToOptions(string.Empty).Validate());
    }

    /// <summary>Settings whose value <c>config show</c>, the run's config.json and the report never print (a URL may carry a token).</summary>
    public static bool IsHidden(string key) => key.Equals("Alerts:WebhookUrl", StringComparison.OrdinalIgnoreCase);

    private static void Prefixed(ICollection<string> errors, string section, IReadOnlyList<string> problems)
    {
        foreach (string p in problems)
        {
            errors.Add(p.StartsWith(section + ":", StringComparison.Ordinal) ? p : $"{section}:{p}");
        }
    }

    /// <summary>The OMS option records throw on invalid values; their message names the value and what is allowed.</summary>
    private static void Thrown(ICollection<string> errors, string section, Action validate)
    {
        try
        {
            validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            errors.Add($"{section}:{ex.ParamName} = {ex.ActualValue}: {ex.Message.Split(" (Parameter", 2)[0]}");
        }
        catch (ArgumentException ex)
        {
            errors.Add($"{section}: {ex.Message}");
        }
    }
}

namespace Engine.Cli.Configuration;

/// <summary>
/// Everything configurable, by section. Loaded once at start-up by <see cref="EngineConfigurationLoader"/> and validated
/// before anything runs.
/// </summary>
public sealed class EngineOptions
{
    public RunOptions Run { get; } = new();

    public RuntimeOptions Runtime { get; } = new();

    /// <summary>
    /// The sections in the order `config show` prints them. <c>BareEnvironmentNames</c> sections also read their keys from
    /// environment variables named exactly like the original scripts' settings (IMB_MIN).
    /// </summary>
    public IEnumerable<(string Name, object Options, bool BareEnvironmentNames)> Sections()
    {
        yield return ("Run", Run, false);
        yield return ("Runtime", Runtime, false);
    }

    public void Validate(ICollection<string> errors)
    {
        Run.Validate(errors);
        Runtime.Validate(errors);
    }
}

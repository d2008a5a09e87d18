using Engine.Cli.Configuration;

namespace Engine.Tests.Cli.Configuration;

public class OptionsBinderTests
{
    private sealed class ScoutLike
    {
        public double ImbMin { get; set; } = 0.55;
        public int RollWindowMin { get; set; } = 180;
        public double Chop30Max { get; set; } = 2.6;
        public double VwapMaxDistUsd { get; set; } = 1000;
    }

    [Theory]
    [InlineData("ImbMin", "IMB_MIN")]
    [InlineData("RollWindowMin", "ROLL_WINDOW_MIN")]
    [InlineData("Chop30Max", "CHOP30_MAX")]
    [InlineData("Coh10Min", "COH10_MIN")]
    [InlineData("Avg9Max", "AVG9_MAX")]
    [InlineData("VwapMaxDistUsd", "VWAP_MAX_DIST_USD")]
    [InlineData("IMB_MIN", "IMB_MIN")]
    public void ToUpperSnake_GivesTheOriginalScriptNames(string property, string original)
    {
        Assert.Equal(original, OptionsBinder.ToUpperSnake(property));
    }

    [Fact]
    public void Bind_AcceptsOriginalNamesFromBareEnvironmentVariables()
    {
        var settings = new LayeredSettings();
        var aliases = new Dictionary<string, string> { ["IMB_MIN"] = "DeltaScout:ImbMin", ["ROLL_WINDOW_MIN"] = "DeltaScout:RollWindowMin" };
        settings.AddEnvironment([new("IMB_MIN", "0.54"), new("ROLL_WINDOW_MIN", "120"), new("UNRELATED", "x")], aliases);
        var target = new ScoutLike();
        var errors = new List<string>();

        OptionsBinder.Bind(settings, "DeltaScout", target, errors, new HashSet<string>());

        Assert.Empty(errors);
        Assert.Equal(0.54, target.ImbMin);
        Assert.Equal(120, target.RollWindowMin);
        var described = OptionsBinder.Describe(settings, "DeltaScout", target).ToList();
        Assert.Equal("env IMB_MIN", described.Single(e => e.Key == "DeltaScout:ImbMin").Origin);
        Assert.Equal("default", described.Single(e => e.Key == "DeltaScout:Chop30Max").Origin);
    }

    [Fact]
    public void Bind_OriginalNamesInAJsonFileAddressTheSameProperties()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{ "DeltaScout": { "CHOP30_MAX": 3.1, "VWAP_MAX_DIST_USD": 250 } }""");
            var settings = new LayeredSettings();
            settings.AddJsonFile(path);
            var target = new ScoutLike();

            OptionsBinder.Bind(settings, "DeltaScout", target, new List<string>(), new HashSet<string>());

            Assert.Equal(3.1, target.Chop30Max);
            Assert.Equal(250, target.VwapMaxDistUsd);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

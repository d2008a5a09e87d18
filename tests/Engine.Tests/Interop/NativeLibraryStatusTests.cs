using Engine.Interop;

namespace Engine.Tests.Interop;

public class NativeLibraryStatusTests
{
    [Fact]
    public void IsLoaded_MatchesWhetherTheBuildPlacedTheLibraryBesideTheTests()
    {
        // dotnet build copies libengine_native.so here when cmake and a C compiler exist; otherwise it is absent.
        bool besideTests = File.Exists(Path.Combine(AppContext.BaseDirectory, "libengine_native.so"));

        Assert.Equal(besideTests && OperatingSystem.IsLinux(), NativeLibraryStatus.IsLoaded);
    }

    [Fact]
    public void UnavailableReason_IsNullExactlyWhenLoaded()
    {
        Assert.Equal(NativeLibraryStatus.IsLoaded, NativeLibraryStatus.UnavailableReason is null);
        Assert.Equal(NativeLibraryStatus.IsLoaded, ThreadAffinity.NativeAvailable);
    }

    [Fact]
    public void StartupNotice_NamesTheClockSourceAndAnyDegradation()
    {
        string notice = NativeLibraryStatus.StartupNotice;

        Assert.Contains(Engine.Timing.EngineClock.Source, notice, StringComparison.Ordinal);
        Assert.Equal(!NativeLibraryStatus.IsLoaded, notice.Contains("without thread pinning", StringComparison.Ordinal));
    }

    [Fact]
    public void WriteStartupNoticeOnce_CalledTwice_WritesAtMostOneLine()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();

        NativeLibraryStatus.WriteStartupNoticeOnce(first);
        bool wroteAgain = NativeLibraryStatus.WriteStartupNoticeOnce(second);

        Assert.False(wroteAgain);
        Assert.Equal(string.Empty, second.ToString());
        Assert.True(first.ToString().Length == 0 || first.ToString() == NativeLibraryStatus.StartupNotice + Environment.NewLine);
    }
}

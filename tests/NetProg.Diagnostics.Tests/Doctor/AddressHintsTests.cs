using NetProg.Diagnostics.Doctor;

namespace NetProg.Diagnostics.Tests.Doctor;

/// <summary>The course's usual causes recognised from addresses alone, as findings with their facts and fixes.</summary>
public sealed class AddressHintsTests
{
    private static LocalAddress Local(string address, int prefix = 24, string name = "eth0") =>
        new(name, IPAddress.Parse(address), prefix, LocalAddresses.Classify(IPAddress.Parse(address)), true);

    [Fact]
    public void Should_recognise_a_virtualbox_nat_guest()
    {
        var hints = AddressHints.For(IPAddress.Parse("192.168.0.20"), IPAddress.Parse("10.0.2.15"), [Local("10.0.2.15")]);

        Assert.Contains(hints, h => h.Finding == DoctorFinding.VirtualBoxNat && IPAddress.Parse("10.0.2.15").Equals(h.Facts.Address) && h.Fix?.Code == FixCode.UseBridgedAdapter);
    }

    [Fact]
    public void Should_recognise_a_self_assigned_address_on_this_machine()
    {
        var hints = AddressHints.For(IPAddress.Parse("192.168.0.20"), IPAddress.Parse("169.254.3.4"), [Local("169.254.3.4", 16, "vmnet8")]);

        Assert.Contains(hints, h => h.Finding == DoctorFinding.SelfAssigned && h.Facts.Interface == "vmnet8" && h.Fix?.Code == FixCode.RenewAddress);
    }

    [Fact]
    public void Should_say_a_private_server_address_is_unreachable_from_a_public_network()
    {
        // Given an AWS EC2 instance (public source address) asking for a home machine's LAN address
        var hints = AddressHints.For(IPAddress.Parse("192.168.0.20"), IPAddress.Parse("3.35.1.2"), [Local("3.35.1.2")]);

        Assert.Contains(hints, h => h.Finding == DoctorFinding.PrivateFromOutside && h.Fix?.Code == FixCode.ForwardOnServerRouter);
    }

    [Fact]
    public void Should_say_a_forwarding_rule_cannot_help_behind_carrier_grade_nat()
    {
        var hints = AddressHints.For(IPAddress.Parse("100.64.12.34"), IPAddress.Parse("192.168.0.10"), [Local("192.168.0.10")]);

        Assert.Contains(hints, h => h.Finding == DoctorFinding.Cgnat && IPAddress.Parse("100.64.12.34").Equals(h.Facts.Address));
    }

    [Fact]
    public void Should_have_nothing_to_say_on_an_ordinary_lan()
    {
        Assert.Empty(AddressHints.For(IPAddress.Parse("192.168.0.20"), IPAddress.Parse("192.168.0.10"), [Local("192.168.0.10")]));
    }

    [Theory]
    [InlineData("192.168.0.10", "192.168.0.200", 24, true)]
    [InlineData("192.168.0.10", "192.168.1.10", 24, false)]
    [InlineData("10.1.2.3", "10.200.0.1", 8, true)]
    [InlineData("fd00::2", "fd00::1234", 64, true)]
    [InlineData("fd00::2", "fd01::2", 64, false)]
    [InlineData("192.168.0.10", "fd00::1", 24, false)]
    public void Should_tell_whether_two_addresses_share_a_subnet(string a, string b, int prefix, bool same) =>
        Assert.Equal(same, Diagnostics.Doctor.Doctor.SameSubnet(IPAddress.Parse(a), IPAddress.Parse(b), prefix));
}

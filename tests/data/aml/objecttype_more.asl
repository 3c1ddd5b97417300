// name: ObjectType of a Processor, PowerResource, ThermalZone, Event, and of a Local never written (0)
// expect: Package(5) {0xC, 0xB, 0xD, 0x7, 0x0}
DefinitionBlock ("", "DSDT", 2, "HOTMEM", "ORACLE", 1)
{
    Processor (CPU0, 0, 0, 0) {}
    PowerResource (PWR0, 0, 0) {
        Method (_STA) { Return (1) }
        Method (_ON) {}
        Method (_OFF) {}
    }
    ThermalZone (TZ0) {}
    Event (EVT0)
    Name (FLAG, 1)
    Method (MAIN, 0)
    {
        If (FLAG == 0) {
            Local0 = 1
        }
        Local7 = Package (5) {}
        Local7[0] = ObjectType (CPU0)
        Local7[1] = ObjectType (PWR0)
        Local7[2] = ObjectType (TZ0)
        Local7[3] = ObjectType (EVT0)
        Local7[4] = ObjectType (Local0)
        Return (Local7)
    }
}

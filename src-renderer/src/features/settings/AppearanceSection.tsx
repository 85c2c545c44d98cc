import { Card, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core'
import { densitySchema, offeredLocales, themeSchema } from '@shared/settings/settings'
import { SectionState } from './SectionState'
import { useSettings } from './useSettings'

const themeLabels = { light: 'Light', dark: 'Dark', system: 'System' } as const
const densityLabels = { comfortable: 'Comfortable', compact: 'Compact' } as const

export function AppearanceSection() {
  const { settings, save } = useSettings()
  return (
    <Card withBorder padding="lg">
      <Title order={3} mb="md">
        Appearance
      </Title>
      <SectionState query={settings}>
        {(current) => (
          <Stack gap="lg">
            <Stack gap={4}>
              <Text fw={500} id="theme-label">
                Colour scheme
              </Text>
              <SegmentedControl
                aria-labelledby="theme-label"
                value={current.theme}
                data={themeSchema.options.map((value) => ({ value, label: themeLabels[value] }))}
                onChange={(value) => save({ theme: themeSchema.parse(value) })}
              />
              <Text size="xs" c="dimmed">
                System follows your operating system&apos;s light or dark setting.
              </Text>
            </Stack>
            <Stack gap={4}>
              <Text fw={500} id="density-label">
                Density
              </Text>
              <SegmentedControl
                aria-labelledby="density-label"
                value={current.density}
                data={densitySchema.options.map((value) => ({
                  value,
                  label: densityLabels[value],
                }))}
                onChange={(value) => save({ density: densitySchema.parse(value) })}
              />
            </Stack>
            <Select
              label="Language and region"
              description="Used for dates, numbers and money throughout Tierline"
              data={offeredLocales.map((locale) => ({ value: locale.value, label: locale.label }))}
              value={current.locale}
              allowDeselect={false}
              onChange={(value) => value !== null && save({ locale: value })}
              maw={360}
            />
          </Stack>
        )}
      </SectionState>
    </Card>
  )
}

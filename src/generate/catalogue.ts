/**
 * The 88 synthetic partners, modelled on the kinds of organisation Turning Tides funded. Names
 * are invented; any likeness to a real organisation is accidental. Each template says whom the
 * partner works with, how it measures wellbeing and how big it is; `partners.ts` turns templates
 * into seeded partners.
 */
export type PartnerType = 'community' | 'voluntary' | 'faith' | 'social_enterprise';
export type Audience = 'children' | 'young_people' | 'families' | 'adults' | 'older' | 'all_ages';
export type SizeClass = 'large' | 'medium' | 'small' | 'tiny';
/** How the partner records wellbeing: WEMWBS item by item, SWEMWBS raw totals, or ONS4. */
export type MeasurePlan = 'wemwbs' | 'swemwbs' | 'ons4';
/**
 * Yes/no and count questions some partners ask beside their wellbeing measure (see extras.ts):
 * employment, volunteering, GP appointments.
 */
export const EXTRA_MEASURES = ['in_work', 'volunteering', 'gp_visits'] as const;
export type ExtraMeasure = (typeof EXTRA_MEASURES)[number];
/** Which minority ethnic groups a partner mostly works with. */
export type MinorityMix = 'general' | 'asian' | 'black' | 'other' | 'refugee';

/** Inclusion-health flags written in `inclusion_groups`, in the order they are written. */
export const INCLUSION_FLAGS = [
  'homeless',
  'refugee_asylum',
  'gypsy_roma_traveller',
  'carer',
  'learning_disability',
  'substance_use',
  'justice_system',
  'sex_work',
] as const;
export type InclusionFlag = (typeof INCLUSION_FLAGS)[number];

export interface PartnerTemplate {
  readonly name: string;
  readonly type: PartnerType;
  readonly theme: string;
  readonly audience: Audience;
  readonly size: SizeClass;
  readonly measure: MeasurePlan;
  readonly sex?: 'female' | 'male';
  /** Share of participants from ethnic minority groups (default about 14%). */
  readonly minority?: number;
  readonly minorityMix?: MinorityMix;
  /** Probability that a participant has each flag (replacing the programme-wide rate). */
  readonly inclusion?: Partial<Record<InclusionFlag, number>>;
  /** Share of participants with a disability (default by age). */
  readonly disability?: number;
  /** Records the LSOA only: imd_decile is left blank, to be derived through lsoa_imd.csv. */
  readonly lsoaOnly?: boolean;
  /** Baseline WEMWBS points relative to people like them (e.g. −4 for mental distress). */
  readonly baselineOffset?: number;
  /** No measurable change in wellbeing. */
  readonly noChange?: boolean;
  /** The extra questions the partner asks at baseline and follow-up, in this order. */
  readonly records?: readonly ExtraMeasure[];
}

type Extra = Omit<PartnerTemplate, 'name' | 'type' | 'theme' | 'audience' | 'size' | 'measure'>;

const t = (
  name: string,
  type: PartnerType,
  theme: string,
  audience: Audience,
  size: SizeClass,
  measure: MeasurePlan,
  extra: Extra = {},
): PartnerTemplate => ({ name, type, theme, audience, size, measure, ...extra });

/** In partner-id order: P001 is the first. The first dozen cover every kind, for small test runs. */
// biome-ignore format: one partner per line, read as a table
export const PARTNER_CATALOGUE: readonly PartnerTemplate[] = [
  t('Mersey Colour Arts Collective', 'voluntary', 'arts therapy for people with mental distress from ethnic minority and disadvantaged backgrounds', 'adults', 'large', 'wemwbs', { minority: 0.4, baselineOffset: -4 }),
  t('Greenway Traveller Garden Project', 'community', 'community gardening with Irish Traveller communities', 'all_ages', 'medium', 'swemwbs', { minority: 0.03, inclusion: { gypsy_roma_traveller: 0.75 } }),
  t('Dockside Street Theatre', 'social_enterprise', 'theatre for people facing severe and multiple disadvantage', 'adults', 'medium', 'wemwbs', { inclusion: { homeless: 0.35, substance_use: 0.3, justice_system: 0.25 }, baselineOffset: -3, records: ['in_work'] }),
  t('Hands Up Deaf Youth Sport', 'voluntary', 'physical activity and healthy weight for deaf children and young people', 'children', 'small', 'swemwbs', { disability: 0.92 }),
  t('Harbour Welcome Families', 'voluntary', 'support for refugee and asylum-seeker families', 'families', 'medium', 'ons4', { minority: 0.85, minorityMix: 'refugee', inclusion: { refugee_asylum: 0.85 }, baselineOffset: -2 }),
  t("Anfield Men's Shed", 'community', "men's shed: woodwork, repairs and companionship for men", 'older', 'medium', 'wemwbs', { sex: 'male' }),
  t('Kitchen Table Cookery School', 'social_enterprise', 'community cookery and healthy eating on a budget', 'adults', 'large', 'swemwbs', { lsoaOnly: true }),
  t("St Anne's Befriending Circle", 'faith', 'faith-based befriending for isolated older people', 'older', 'medium', 'ons4', { baselineOffset: -2 }),
  t('Walk and Talk North Liverpool', 'voluntary', 'health walks and peer support', 'adults', 'large', 'wemwbs', { records: ['volunteering', 'gp_visits'] }),
  t('Little Acorns Stay and Play', 'community', 'play and parenting support for families with under-fives', 'families', 'tiny', 'wemwbs'),
  t('Speke Youth Boxing Project', 'community', 'boxing and mentoring for young people at risk of exclusion', 'young_people', 'medium', 'swemwbs', { inclusion: { justice_system: 0.12 } }),
  t('Sanctuary Sewing Circle', 'faith', 'sewing and conversation for women from refugee communities', 'adults', 'small', 'ons4', { sex: 'female', minority: 0.85, minorityMix: 'refugee', inclusion: { refugee_asylum: 0.6 } }),
  t('Breathe Easy Singing Group', 'voluntary', 'singing for lung health', 'older', 'medium', 'wemwbs', { disability: 0.55, records: ['gp_visits'] }),
  t('Kensington Community Allotments', 'community', 'allotments and food growing', 'adults', 'medium', 'swemwbs', { records: ['volunteering'] }),
  t('Recovery Café Toxteth', 'social_enterprise', 'peer-led recovery café for people recovering from drug and alcohol use', 'adults', 'medium', 'wemwbs', { inclusion: { substance_use: 0.75, justice_system: 0.2 }, baselineOffset: -4, records: ['in_work', 'volunteering'] }),
  t("Carers' Cuppa Club", 'voluntary', 'peer support and respite for unpaid carers', 'adults', 'medium', 'ons4', { inclusion: { carer: 0.9 } }),
  t('Everton Park Runners', 'community', 'beginner running groups', 'adults', 'medium', 'swemwbs'),
  t('Bridge Mosque Wellbeing Project', 'faith', 'mosque-based wellbeing sessions and health checks', 'adults', 'medium', 'wemwbs', { minority: 0.92, minorityMix: 'general', records: ['gp_visits'] }),
  t('Positive Steps Drama', 'voluntary', 'drama and dance for adults with learning disabilities', 'adults', 'small', 'swemwbs', { inclusion: { learning_disability: 0.9 }, disability: 0.9 }),
  t('Open Door Homeless Drop-in', 'voluntary', 'drop-in meals, showers and advice for people experiencing homelessness', 'adults', 'large', 'ons4', { inclusion: { homeless: 0.8, substance_use: 0.3, justice_system: 0.15 }, baselineOffset: -5, records: ['in_work'] }),
  t('Norris Green Knit and Natter', 'community', 'craft group tackling loneliness', 'older', 'small', 'wemwbs', { sex: 'female' }),
  t('Digital Buddies', 'social_enterprise', 'digital skills and online confidence for older people', 'older', 'medium', 'ons4', { noChange: true }),
  t("Granby Women's Walk and Talk", 'community', 'walking and peer support for Black and minority ethnic women', 'adults', 'medium', 'wemwbs', { sex: 'female', minority: 0.7, minorityMix: 'black' }),
  t("Riverside Mums' Circle", 'voluntary', 'peer support for mothers with postnatal depression', 'adults', 'small', 'wemwbs', { sex: 'female', baselineOffset: -5 }),
  t('Fazakerley Chair Yoga', 'community', 'chair-based exercise for older people', 'older', 'medium', 'swemwbs', { disability: 0.45, records: ['gp_visits'] }),
  t('Chinatown Elders Tai Chi', 'community', 'tai chi and social lunch for Chinese elders', 'older', 'small', 'ons4', { minority: 0.95, minorityMix: 'asian' }),
  t('Gateway Mentoring', 'voluntary', 'mentoring for people leaving prison', 'adults', 'small', 'wemwbs', { sex: 'male', inclusion: { justice_system: 0.9, substance_use: 0.35 }, baselineOffset: -3, records: ['in_work'] }),
  t('Second Chance Bike Workshop', 'social_enterprise', 'bike repair training and cycling', 'adults', 'medium', 'swemwbs', { inclusion: { justice_system: 0.2, substance_use: 0.2 }, records: ['in_work'] }),
  t('Faith in Food Pantry', 'faith', 'food pantry with cookery and money advice', 'adults', 'large', 'ons4', { baselineOffset: -2, records: ['in_work'] }),
  t("Somali Women's Health Forum", 'community', 'health information and exercise for Somali women', 'adults', 'small', 'wemwbs', { sex: 'female', minority: 0.97, minorityMix: 'black', inclusion: { refugee_asylum: 0.3 } }),
  t('Young Carers Adventure Club', 'voluntary', 'days out and peer support for young carers', 'children', 'medium', 'swemwbs', { inclusion: { carer: 0.95 } }),
  t('Wavertree Dementia Café', 'voluntary', 'dementia café for people with dementia and their carers', 'older', 'medium', 'ons4', { inclusion: { carer: 0.45 }, disability: 0.5 }),
  t('Sound Waves Community Choir', 'community', 'community choir open to all', 'adults', 'medium', 'wemwbs', { noChange: true }),
  t('Growing Together Hospital Garden', 'social_enterprise', 'therapeutic horticulture for people with mental health problems', 'adults', 'medium', 'wemwbs', { baselineOffset: -4, records: ['gp_visits'] }),
  t('Kirkdale Walking Football', 'community', "walking football and men's health checks", 'older', 'medium', 'swemwbs', { sex: 'male', records: ['gp_visits'] }),
  t('Rainbow Youth Space', 'voluntary', 'youth group for LGBT+ young people', 'young_people', 'small', 'wemwbs', { baselineOffset: -3 }),
  t('Churches Together Night Shelter', 'faith', 'winter night shelter and befriending', 'adults', 'small', 'ons4', { sex: 'male', inclusion: { homeless: 0.95, substance_use: 0.4 }, baselineOffset: -5 }),
  t('City Swim Confidence', 'social_enterprise', 'swimming lessons for adults who never learned', 'adults', 'medium', 'swemwbs', { minority: 0.35 }),
  t('Lighthouse Bereavement Support', 'voluntary', 'bereavement support groups', 'adults', 'medium', 'wemwbs', { baselineOffset: -5 }),
  t('Dingle Teen Kitchen', 'community', 'cookery and healthy weight for teenagers', 'young_people', 'medium', 'swemwbs'),
  t('Hope Street Asylum Drop-in', 'faith', 'English conversation and advice for asylum seekers', 'adults', 'medium', 'ons4', { minority: 0.9, minorityMix: 'refugee', inclusion: { refugee_asylum: 0.85 }, baselineOffset: -3 }),
  t('Old Swan Luncheon Club', 'community', 'luncheon club and activities for older people', 'older', 'medium', 'ons4'),
  t('Dads Matter', 'voluntary', 'peer support for fathers', 'adults', 'small', 'wemwbs', {
    sex: 'male',
  }),
  t('Clubmoor Community Fitness', 'social_enterprise', 'low-cost fitness classes', 'adults', 'medium', 'swemwbs', { lsoaOnly: true }),
  t('Shared Table Supper Club', 'faith', 'community meals for people living alone', 'adults', 'medium', 'ons4'),
  t('Roma Families Link', 'community', 'family support for Roma families', 'families', 'small', 'ons4', { minority: 0.1, inclusion: { gypsy_roma_traveller: 0.85 } }),
  t('Stepping Stones Brain Injury Group', 'voluntary', 'peer support for people living with acquired brain injury', 'adults', 'tiny', 'wemwbs', { disability: 0.95 }),
  t('Picton Street Photography', 'social_enterprise', 'photography and storytelling for people in recovery', 'adults', 'small', 'wemwbs', { inclusion: { substance_use: 0.5 } }),
  t('Wellbeing Through Dance', 'community', 'dance for people with long-term conditions', 'adults', 'medium', 'swemwbs', { disability: 0.5, records: ['gp_visits'] }),
  t('Belle Vale Baby Massage', 'community', 'baby massage and parent wellbeing', 'families', 'small', 'wemwbs'),
  t("Tuebrook Men's Cookery", 'community', 'cookery for men living alone', 'adults', 'small', 'swemwbs', { sex: 'male' }),
  t('Heart of the City Chaplaincy', 'faith', 'chaplaincy listening service', 'adults', 'medium', 'ons4'),
  t('Kinship Carers Network', 'voluntary', 'support for grandparents and relatives raising children', 'adults', 'small', 'wemwbs', { inclusion: { carer: 0.95 } }),
  t("Arabic Speakers' Women's Group", 'community', 'social group and English classes for Arabic-speaking women', 'adults', 'small', 'ons4', { sex: 'female', minority: 0.95, minorityMix: 'other', inclusion: { refugee_asylum: 0.4 } }),
  t('Young Minds Peer Mentors', 'voluntary', 'peer mentoring for young people with anxiety', 'young_people', 'medium', 'swemwbs', { baselineOffset: -3 }),
  t('Canal Side Canoe Club', 'social_enterprise', 'canoeing and outdoor activity', 'young_people', 'medium', 'wemwbs'),
  t('Sisters Together', 'voluntary', 'peer support for women who have experienced domestic abuse', 'adults', 'small', 'wemwbs', { sex: 'female', baselineOffset: -5 }),
  t('Mossley Hill Memory Singers', 'voluntary', 'singing for people with memory loss', 'older', 'tiny', 'ons4', { disability: 0.7 }),
  t('West African Health Champions', 'community', 'health champions and screening awareness', 'adults', 'medium', 'ons4', { minority: 0.95, minorityMix: 'black' }),
  t('Garston Community Garden', 'community', 'community garden and volunteering', 'adults', 'medium', 'swemwbs', { noChange: true, records: ['volunteering'] }),
  t('Mind and Body Boxercise', 'social_enterprise', 'boxercise for women', 'adults', 'medium', 'swemwbs', { sex: 'female' }),
  t('Street Pastors Wellbeing', 'faith', 'night-time outreach and follow-on support', 'adults', 'tiny', 'ons4', { inclusion: { homeless: 0.3, substance_use: 0.3 } }),
  t('Deaf Community Social Club', 'voluntary', 'social and wellbeing activities for deaf adults', 'adults', 'small', 'wemwbs', { disability: 0.95 }),
  t('Croxteth Youth Music Studio', 'community', 'music production for young people', 'young_people', 'medium', 'swemwbs'),
  t('Yemeni Elders Day Centre', 'community', 'day centre for Yemeni elders', 'older', 'small', 'ons4', { sex: 'male', minority: 0.97, minorityMix: 'other' }),
  t('Autism Friendly Adventures', 'voluntary', 'activities for autistic young people', 'young_people', 'small', 'swemwbs', { disability: 0.85, inclusion: { learning_disability: 0.3 } }),
  t('Everyone Writes', 'social_enterprise', 'creative writing for people facing isolation', 'adults', 'small', 'wemwbs'),
  t('Traveller Health Outreach', 'voluntary', 'health outreach on Traveller sites', 'all_ages', 'small', 'ons4', { minority: 0.03, inclusion: { gypsy_roma_traveller: 0.9 } }),
  t('Princes Park Family Days', 'community', 'outdoor family activity days', 'families', 'large', 'wemwbs'),
  t('Guided Walks for Sight Loss', 'voluntary', 'guided walks for blind and partially sighted people', 'adults', 'tiny', 'wemwbs', { disability: 0.95 }),
  t('Netherley Healthy Homes', 'social_enterprise', 'warm homes and fuel poverty advice', 'older', 'medium', 'ons4', { lsoaOnly: true }),
  t('Methodist Community Café', 'faith', 'pay-as-you-feel café and social space', 'adults', 'medium', 'swemwbs', { records: ['volunteering'] }),
  t('Hearts and Minds Games Club', 'social_enterprise', 'board games and social connection for young adults', 'young_people', 'small', 'swemwbs'),
  t('Eastern European Community Link', 'community', 'advice and social activities for Eastern European migrants', 'adults', 'small', 'ons4', { records: ['in_work'] }),
  t('Diabetes Prevention Kitchen', 'voluntary', 'cookery and activity for people at risk of type 2 diabetes', 'adults', 'medium', 'wemwbs', { records: ['gp_visits'] }),
  t('Care Leavers Cook and Eat', 'voluntary', 'cookery and independent living for care leavers', 'young_people', 'small', 'swemwbs', { baselineOffset: -3, records: ['in_work'] }),
  t('Phone Friends', 'voluntary', 'telephone befriending for older people', 'older', 'medium', 'ons4'),
  t('Walton Detached Youth Work', 'community', 'detached youth work on the streets and estates', 'young_people', 'medium', 'swemwbs', { inclusion: { justice_system: 0.1 } }),
  t('Pause and Paint Studio', 'social_enterprise', 'open art studio for people with mental health problems', 'adults', 'medium', 'wemwbs', { baselineOffset: -4 }),
  t('Synagogue Community Care', 'faith', 'befriending and lunch club', 'older', 'tiny', 'ons4'),
  t('Caribbean Elders Dominoes Club', 'community', 'social club and health checks for African Caribbean elders', 'older', 'small', 'ons4', { minority: 0.95, minorityMix: 'black' }),
  t('Home from Hospital Befrienders', 'voluntary', 'befriending after discharge from hospital', 'older', 'medium', 'wemwbs', { disability: 0.6, records: ['gp_visits'] }),
  t('Green Fingers Allotment', 'social_enterprise', 'horticulture for adults with learning disabilities', 'adults', 'small', 'swemwbs', { inclusion: { learning_disability: 0.9 }, disability: 0.9 }),
  t('Youth Health Voices', 'voluntary', 'young people shaping local health services', 'young_people', 'small', 'swemwbs'),
  t('Gurdwara Langar Wellbeing', 'faith', 'community kitchen and wellbeing sessions', 'adults', 'medium', 'ons4', { minority: 0.9, minorityMix: 'asian' }),
  t("Stroke Survivors' Club", 'voluntary', 'peer support after stroke', 'older', 'small', 'wemwbs', { disability: 0.9, records: ['gp_visits'] }),
  t('Night Outreach for Women', 'voluntary', 'outreach and health support for women in street sex work', 'adults', 'tiny', 'ons4', { sex: 'female', inclusion: { sex_work: 0.9, substance_use: 0.5, homeless: 0.3 }, baselineOffset: -5 }),
  t("Everton Parents' Cookery", 'community', 'family cookery on a budget', 'families', 'medium', 'swemwbs'),
];

"""The national reference model (DOMAIN.md): six dimensions with 18 elements and
three readiness pillars with their elements, in Indonesian and English.
Loaded by a data migration; the program office edits it in the admin."""

# (code, name_id, name_en, [(code, name_id, name_en), ...])
DIMENSIONS = [
    (
        "governance",
        "Smart Governance",
        "Smart Governance",
        [
            ("public-service", "Layanan publik", "Public service"),
            ("public-policy", "Kebijakan publik", "Public policy"),
            ("bureaucracy", "Tata kelola birokrasi", "Bureaucratic management"),
        ],
    ),
    (
        "branding",
        "Smart Branding",
        "Smart Branding",
        [
            ("tourism-branding", "Branding pariwisata", "Tourism branding"),
            ("business-branding", "Branding bisnis", "Business branding"),
            ("city-appearance", "Wajah kota", "City appearance"),
        ],
    ),
    (
        "economy",
        "Smart Economy",
        "Smart Economy",
        [
            ("industry", "Industri", "Industry"),
            ("welfare", "Kesejahteraan", "Welfare"),
            ("transaction-ecosystem", "Ekosistem transaksi", "Transaction ecosystem"),
        ],
    ),
    (
        "living",
        "Smart Living",
        "Smart Living",
        [
            ("harmony", "Harmonisasi (tata ruang)", "Harmony (spatial planning)"),
            ("health", "Kesehatan", "Health"),
            ("mobility", "Mobilitas", "Mobility"),
        ],
    ),
    (
        "society",
        "Smart Society",
        "Smart Society",
        [
            ("community", "Komunitas", "Community"),
            ("learning", "Ekosistem belajar", "Learning and education"),
            ("security", "Keamanan", "Security"),
        ],
    ),
    (
        "environment",
        "Smart Environment",
        "Smart Environment",
        [
            ("protection", "Proteksi lingkungan", "Protection"),
            ("waste", "Pengelolaan sampah dan limbah", "Waste"),
            ("energy", "Energi", "Energy"),
        ],
    ),
]

PILLARS = [
    (
        "struktur",
        "Struktur",
        "Structure",
        [
            ("human-resources", "Sumber daya manusia", "Human resources"),
            ("budget", "Anggaran", "Budget"),
            ("governance-structure", "Tata kelola dan tata pamong", "Governance"),
        ],
    ),
    (
        "infrastruktur",
        "Infrastruktur",
        "Infrastructure",
        [
            ("physical", "Infrastruktur fisik", "Physical infrastructure"),
            ("digital", "Infrastruktur digital (TIK)", "Digital (ICT) infrastructure"),
            ("social", "Infrastruktur sosial", "Social infrastructure"),
        ],
    ),
    (
        "suprastruktur",
        "Suprastruktur",
        "Superstructure",
        [
            ("policy", "Kebijakan dan regulasi", "Policy and regulation"),
            ("institutions", "Kelembagaan", "Institutions"),
            ("procedures", "Tata laksana", "Working procedures"),
        ],
    ),
]

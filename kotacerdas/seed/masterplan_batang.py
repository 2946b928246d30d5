"""The demo masterplan of Kabupaten Batang (33.25), as data; masterplan.py writes it through
the services. Figures carry their year and source; where no published figure was at
hand the source says "perkiraan" (estimate). Amounts are in millions of Rupiah (juta)."""

from kotacerdas.seed.masterplan_specs import Program, outcome, output

FIRST_YEAR = 2024

# fmt: off

# OPDs the masterplan needs beyond the ten every seed region has (accounts.py):
# (name, abbreviation, kind, duties)
EXTRA_OPDS = [
    ("Dinas Kelautan dan Perikanan", "DKP", "dinas", "Perikanan tangkap dan budidaya, pelabuhan perikanan dan pemberdayaan nelayan."),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas", "Promosi investasi, perizinan berusaha dan pelayanan terpadu satu pintu."),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "dinas", "Pendaftaran penduduk, pencatatan sipil dan pemanfaatan data kependudukan."),
    ("Dinas Perindustrian dan Tenaga Kerja", "Disperinaker", "dinas", "Pembinaan industri kecil dan menengah, pelatihan dan penempatan tenaga kerja."),
    ("Dinas Perdagangan, Koperasi dan Usaha Kecil Menengah", "Disdagkop UKM", "dinas", "Pasar rakyat, perdagangan, koperasi dan pemberdayaan UMKM."),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "badan", "Pencegahan, kesiapsiagaan, kedaruratan dan rehabilitasi bencana."),
]

# (key, label, value, unit, year, source)
PROFILE = [
    ("population", "", "810000", "jiwa", 2022, "BPS Kabupaten Batang, Kabupaten Batang Dalam Angka 2023 (dibulatkan)"),
    ("area", "", "788.65", "km²", 2022, "BPS Kabupaten Batang"),
    ("pdrb", "", "27500", "miliar Rp", 2022, "Perkiraan tim penyusun dari PDRB atas dasar harga berlaku, BPS Kabupaten Batang"),
    ("apbd", "", "2050", "miliar Rp", 2023, "Perkiraan dari Perda APBD Kabupaten Batang Tahun Anggaran 2023"),
    ("pad", "", "290", "miliar Rp", 2023, "Perkiraan dari Perda APBD Kabupaten Batang Tahun Anggaran 2023"),
    ("ict_coverage", "", "92", "% desa terlayani 4G", 2023, "Perkiraan Diskominfo Kabupaten Batang, pemetaan BTS 2023"),
    ("blank_spots", "", "19", "desa", 2023, "Perkiraan Diskominfo Kabupaten Batang, pendataan desa blank spot 2023"),
    ("other", "Kecamatan", "15", "kecamatan", 2022, "BPS Kabupaten Batang"),
    ("other", "Desa dan kelurahan", "248", "desa/kelurahan", 2022, "BPS Kabupaten Batang (239 desa, 9 kelurahan)"),
    ("other", "Luas rencana Kawasan Industri Terpadu Batang", "4300", "ha", 2022, "PT Kawasan Industri Terpadu Batang (perkiraan, seluruh tahap)"),
    ("other", "Kunjungan wisatawan", "1350", "ribu kunjungan", 2023, "Perkiraan Disparpora Kabupaten Batang"),
]

LEADING_SECTORS = """Industri pengolahan, digerakkan Kawasan Industri Terpadu Batang (KITB) sebagai Proyek Strategis Nasional
Pertanian dan perkebunan, termasuk kebun teh Agrowisata Pagilaran di Blado
Perikanan tangkap dan pengolahan hasil laut di PPP Klidanglor dan TPI Roban
Pariwisata pantai dan pegunungan: Pantai Sigandu, Pantai Ujungnegoro, Agrowisata Pagilaran, tepi dataran tinggi Dieng
Perdagangan dan UMKM, termasuk batik Rifaiyah dari Kalipucang
Energi: PLTU Batang 2 × 1.000 MW"""

RPJMD = {
    "rpjmd_first_year": 2022,
    "rpjmd_last_year": 2026,
    "rpjmd_vision": "Terwujudnya Kabupaten Batang yang Sejahtera, Berdaya Saing dan Berkelanjutan dengan Tata Kelola Pemerintahan yang Baik",
    "rpjmd_missions": """Mewujudkan tata kelola pemerintahan yang bersih, efektif dan melayani berbasis teknologi informasi
Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berkarakter
Meningkatkan daya saing ekonomi daerah berbasis industri, pariwisata, pertanian dan kelautan
Meningkatkan infrastruktur wilayah yang merata dan berwawasan lingkungan
Mewujudkan kehidupan masyarakat yang aman, tertib, rukun dan berbudaya""",
}

GOALS = [
    ("T1", "Meningkatnya kualitas pelayanan publik dan akuntabilitas kinerja pemerintah daerah (Misi 1)"),
    ("T2", "Meningkatnya derajat kesehatan masyarakat (Misi 2)"),
    ("T3", "Meningkatnya kualitas dan pemerataan layanan pendidikan (Misi 2)"),
    ("T4", "Meningkatnya pertumbuhan ekonomi dan realisasi investasi daerah (Misi 3)"),
    ("T5", "Meningkatnya kunjungan wisata dan daya saing produk unggulan daerah (Misi 3)"),
    ("T6", "Menurunnya angka kemiskinan dan pengangguran terbuka (Misi 3)"),
    ("T7", "Meningkatnya kualitas infrastruktur dan konektivitas wilayah (Misi 4)"),
    ("T8", "Meningkatnya kualitas lingkungan hidup dan ketangguhan terhadap bencana (Misi 4)"),
    ("T9", "Meningkatnya ketenteraman, ketertiban dan kerukunan masyarakat (Misi 5)"),
]

VISION = {
    "vision": "Batang Cerdas 2033: kabupaten industri, bahari dan wisata yang melayani warganya dengan teknologi yang efektif, efisien dan sederhana",
    "missions": """Menghadirkan layanan publik yang cepat, terpadu dan dapat diakses dari desa (Smart Governance)
Mengangkat citra Batang sebagai tujuan investasi dan wisata, serta batik Rifaiyah sebagai identitas daerah (Smart Branding)
Menyiapkan tenaga kerja lokal dan UMKM untuk tumbuh bersama KITB dan ekonomi digital (Smart Economy)
Mewujudkan layanan kesehatan, tata ruang dan mobilitas yang berbasis data (Smart Living)
Membangun desa terhubung, sekolah digital dan masyarakat yang tangguh bencana (Smart Society)
Menjaga pesisir, udara dan kebersihan Batang di tengah pertumbuhan industri (Smart Environment)""",
    "targets": """Indeks SPBE Kabupaten Batang mencapai predikat Sangat Baik (≥ 3,5) pada 2026 dan Memuaskan (≥ 4,2) pada 2031
100% layanan administrasi kependudukan dan perizinan daerah dapat diajukan daring pada 2026
Tidak ada lagi desa blank spot pada 2027
Kunjungan wisatawan mencapai 2 juta per tahun pada 2028
5.000 tenaga kerja lokal terserap di KITB melalui sistem link and match pada 2028
Sampah terkelola mencapai 75% dari timbulan pada 2033""",
}

GAP_ANALYSIS = """Struktur: SDM TIK pemerintah daerah terbatas (±40 pranata komputer untuk seluruh OPD, perkiraan Diskominfo 2023); anggaran TIK masih tersebar di banyak OPD tanpa arsitektur bersama. Kondisi yang diharapkan: tim teknis smart city lintas OPD dan belanja TIK yang direncanakan terpadu melalui arsitektur SPBE.
Infrastruktur: jaringan fiber optik pemerintah sudah menghubungkan kantor OPD dan kecamatan, tetapi 19 desa di wilayah selatan (Blado, Bawang, Reban, Tersono) masih blank spot (perkiraan 2023). Kondisi yang diharapkan: seluruh desa terhubung dan pusat data terkonsolidasi.
Suprastruktur: kebijakan SPBE dan Satu Data daerah belum dilengkapi SOP layanan digital; kelembagaan Dewan Smart City sudah ada (SK 555.6/2019) tetapi Tim Pelaksana belum rutin bertemu. Kondisi yang diharapkan: regulasi turunan, SOP digital dan forum yang bertemu setiap bulan.
Ekonomi: KITB membuka peluang kerja dan investasi, tetapi data kebutuhan tenaga kerja, kompetensi lulusan dan UMKM pemasok belum terhubung."""

ROADMAP = """2024 — Fondasi dan quick win: akta kelahiran daring dari desa, antrean puskesmas daring, kanal aduan SP4N-LAPOR!, QRIS retribusi pasar, katalog wisata, bank sampah digital; mulai Satu Data dan integrasi aplikasi.
2025–2026 — Integrasi layanan (selaras dengan akhir RPJMD 2022–2026): portal layanan terpadu, rekam medis elektronik, tata naskah dinas elektronik, ATCS simpang Pantura, sekolah digital, sistem peringatan dini.
2027–2028 — Perluasan ekonomi digital: lelang ikan elektronik, link and match tenaga kerja KITB, tiket elektronik destinasi wisata, penuntasan blank spot; penyesuaian dengan RPJMD berikutnya.
2029–2033 — Kematangan: command center terpadu, pengelolaan TPA berbasis KPBU, efisiensi energi, evaluasi dan pemutakhiran masterplan."""

# The foreword, chapter I and the signatory of the document (documents/). The head of
# region's name is invented for the demo.
HEAD = {"head_name": "Drs. H. Ahmad Santoso, M.Si.", "head_title": "Bupati Batang"}

INTRODUCTION = {
    "foreword": """Puji syukur kami panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya Masterplan Smart City Kabupaten Batang Tahun 2024–2033.
Masterplan ini disusun bersama seluruh Perangkat Daerah dalam program Gerakan Menuju Smart City, dengan pendampingan tenaga ahli dari pemerintah pusat. Di dalamnya tertuang visi Batang Cerdas 2033, strategi pada enam dimensi smart city, serta program, anggaran dan peta jalan sepuluh tahun.
Kehadiran Kawasan Industri Terpadu Batang membawa peluang sekaligus tantangan. Masterplan ini menjadi pedoman agar teknologi dimanfaatkan secara efektif, efisien dan sederhana untuk melayani warga, dari pusat kabupaten sampai desa di wilayah selatan.
Kami menyampaikan terima kasih kepada Dewan Smart City, Tim Pelaksana, Perangkat Daerah, akademisi, pelaku usaha dan masyarakat yang telah memberikan masukan. Semoga masterplan ini bermanfaat bagi kemajuan Kabupaten Batang.""",
    "background": """Kabupaten Batang terletak di jalur Pantai Utara Jawa dan tumbuh pesat sejak Kawasan Industri Terpadu Batang (KITB) ditetapkan sebagai Proyek Strategis Nasional. Pertumbuhan industri, pertambahan penduduk pendatang dan kebutuhan tenaga kerja terampil menuntut pelayanan publik yang lebih cepat dan perencanaan yang berbasis data.
Di sisi lain, wilayah selatan yang bergunung (Blado, Bawang, Reban, Tersono) masih memiliki desa blank spot, layanan administrasi kependudukan dan kesehatan masih banyak diurus secara tatap muka, dan aplikasi milik Perangkat Daerah belum saling terhubung.
Pemerintah Kabupaten Batang mengikuti Gerakan Menuju Smart City dan memandang perlu menyusun masterplan sepuluh tahun yang menyatukan arah pembangunan kota cerdas, selaras dengan RPJMD Kabupaten Batang 2022–2026 dan arsitektur Sistem Pemerintahan Berbasis Elektronik.""",
    "purpose": """Maksud penyusunan Masterplan Smart City adalah menyediakan pedoman bagi Pemerintah Kabupaten Batang dan para pemangku kepentingan dalam merencanakan dan melaksanakan pembangunan kota cerdas selama 2024–2033.
Tujuannya adalah: (1) menyelaraskan program smart city Perangkat Daerah dengan RPJMD dan RKPD; (2) menetapkan prioritas program, quick win dan anggaran per tahun; (3) menyediakan indikator dan target untuk memantau kemajuan; (4) menjadi dasar pengusulan pendanaan dari APBD, APBN, DAK, KPBU dan CSR.""",
    "scope": """Masterplan ini mencakup seluruh wilayah Kabupaten Batang (15 kecamatan, 248 desa dan kelurahan) untuk jangka waktu 2024–2033.
Materinya meliputi gambaran umum daerah, analisis potensi dan permasalahan, kesiapan, kesenjangan, SWOT dan keselarasan dengan RPJMD, visi, misi dan sasaran, strategi pada enam dimensi smart city (tata kelola, branding, ekonomi, kehidupan, masyarakat dan lingkungan), program dan rencana aksi, serta rencana implementasi.""",
}
# The national regulations (legal_basis.py), with the law that formed the regency in
# its place by rank and year.
LEGAL_BASIS_OF_BATANG = (
    "Undang-Undang Nomor 9 Tahun 1965 tentang Pembentukan Daerah Tingkat II Batang dengan "
    "Mengubah Undang-Undang Nomor 13 Tahun 1950 tentang Pembentukan Daerah-daerah Kabupaten "
    "dalam Lingkungan Propinsi Djawa Tengah"
)

IMPLEMENTATION_STEPS = """1. Penetapan masterplan dengan Peraturan Bupati dan pembaruan SK Dewan Smart City serta Tim Pelaksana.
2. Penyelarasan program dengan Renstra OPD dan RKPD setiap tahun; Bappeda memastikan pagu indikatif.
3. Pelaksanaan quick win pada 2024 dengan laporan kemajuan bulanan kepada Dewan Smart City.
4. Pengusulan program prioritas ke DAK dan kementerian terkait; penjajakan KPBU dan CSR dengan tenant KITB dan PLTU Batang.
5. Pemantauan indikator setiap triwulan melalui portal Satu Data; evaluasi tahunan bersama tim penilai nasional.
6. Kaji ulang masterplan pada tahun kelima (2028) dan penyesuaian dengan RPJMD periode berikutnya."""

# pillar code -> (readiness notes, strengths, weaknesses, opportunities, threats)
PILLARS = {
    "struktur": (
        "Komitmen pimpinan daerah tinggi; SDM TIK dan penganggaran terpadu belum memadai.",
        "Bupati menetapkan smart city sebagai program prioritas; Dewan Smart City dibentuk sejak 2019; Bappeda aktif menyelaraskan program dengan RKPD.",
        "Jumlah pranata komputer terbatas; belanja TIK tersebar di banyak OPD; rotasi pegawai memutus keberlanjutan pengelola aplikasi.",
        "Pendampingan Kemkomdigi dan perguruan tinggi; program beasiswa dan pelatihan talenta digital nasional.",
        "Keterbatasan fiskal dan persaingan SDM TIK dengan sektor swasta di KITB.",
    ),
    "infrastruktur": (
        "Jaringan fiber optik pemerintah tersedia; wilayah selatan masih blank spot; pusat data belum terkonsolidasi.",
        "Fiber optik menghubungkan kantor OPD dan kecamatan; seluruh puskesmas terhubung internet; akses tol Trans-Jawa dan jalur Pantura.",
        "19 desa blank spot (perkiraan 2023); ruang server OPD terpisah-pisah; perangkat CCTV belum terintegrasi.",
        "Program BAKTI untuk BTS desa; pembangunan KITB mendorong jaringan operator seluler; CSR PLTU Batang dan tenant KITB.",
        "Bencana banjir, rob dan longsor merusak infrastruktur; ketergantungan pada satu penyedia jaringan.",
    ),
    "suprastruktur": (
        "Kebijakan SPBE dan Satu Data ada; SOP layanan digital dan forum rutin belum berjalan.",
        "Kebijakan SPBE dan Satu Data daerah sudah disusun; SK Dewan Smart City 555.6/2019; SP4N-LAPOR! tersedia secara nasional.",
        "SOP layanan belum dibakukan; Tim Pelaksana dan Forum belum bertemu rutin; evaluasi program belum berbasis indikator.",
        "Arsitektur SPBE nasional dan aplikasi umum (SRIKANDI, SATUSEHAT, OSS-RBA) dapat langsung dimanfaatkan.",
        "Pergantian kepala daerah dapat mengubah prioritas; regulasi pusat yang berubah cepat.",
    ),
}

# element code -> strategy
STRATEGIES = {
    "public-service": "Satu pintu layanan daring yang terintegrasi, dimulai dari layanan kependudukan dan perizinan yang paling sering dibutuhkan warga dan investor.",
    "public-policy": "Kebijakan berbasis data melalui Satu Data Batang: setiap OPD menjadi produsen data dengan standar dan jadwal rilis yang jelas.",
    "bureaucracy": "Birokrasi tanpa kertas: SOP digital, tata naskah dinas elektronik dan peningkatan indeks SPBE secara bertahap.",
    "tourism-branding": "Memasarkan destinasi unggulan (Sigandu, Ujungnegoro, Pagilaran, tepi Dieng) secara digital dan memudahkan kunjungan dengan tiket elektronik.",
    "business-branding": "Batang sebagai tujuan investasi di sekitar KITB dan batik Rifaiyah sebagai identitas produk daerah.",
    "city-appearance": "Ruang publik yang tertata, terhubung Wi-Fi dan memberi informasi kota secara langsung, dimulai dari alun-alun dan koridor Pantura.",
    "industry": "Menghubungkan industri perikanan dan industri kecil dengan rantai pasok KITB melalui data produksi dan transaksi yang transparan.",
    "welfare": "Menyiapkan tenaga kerja lokal sesuai kebutuhan tenant KITB melalui sistem informasi pasar kerja dan pelatihan.",
    "transaction-ecosystem": "Transaksi non-tunai untuk pajak, retribusi dan UMKM, dengan bank daerah sebagai mitra utama.",
    "harmony": "Informasi tata ruang yang terbuka dan peta digital sebagai dasar perizinan dan pengendalian pemanfaatan ruang.",
    "health": "Layanan kesehatan tanpa antre dan berbasis rekam medis elektronik, serta penurunan stunting dengan data by name by address.",
    "mobility": "Manajemen lalu lintas berbasis sensor dan kamera pada simpang Pantura dan akses KITB.",
    "community": "Desa terhubung internet dan warga yang didengar melalui kanal aduan terpadu.",
    "learning": "Pemerataan pembelajaran digital, mengutamakan sekolah di wilayah pegunungan selatan.",
    "security": "Kesiapsiagaan bencana dan keamanan lingkungan melalui peringatan dini, CCTV terpadu dan command center.",
    "protection": "Pemantauan kualitas udara dan air di sekitar kawasan industri, serta rehabilitasi pesisir dari abrasi dan rob.",
    "waste": "Pengurangan sampah dari sumber melalui bank sampah digital dan pengelolaan TPA Randukuning yang terukur.",
    "energy": "Efisiensi energi pada penerangan jalan dan gedung pemerintah dengan teknologi tenaga surya.",
}

# (key, OPD abbreviation, kind, element, title, description, evidence)
FINDINGS = [
    ("fo", "Diskominfo", "potential", "bureaucracy", "Jaringan fiber optik pemerintah menghubungkan kantor OPD dan kecamatan", "Jaringan intra pemerintah sudah menjangkau kantor OPD dan 15 kecamatan sehingga layanan daring dapat dibangun di atasnya.", "Laporan infrastruktur jaringan Diskominfo 2023"),
    ("apps", "Diskominfo", "problem", "bureaucracy", "Aplikasi OPD banyak tetapi tidak terintegrasi", "Tercatat lebih dari 100 aplikasi di lingkungan Pemkab (perkiraan); sebagian besar berdiri sendiri sehingga warga mengisi data yang sama berulang kali.", "Inventarisasi aplikasi Diskominfo 2023"),
    ("blank", "Diskominfo", "problem", "community", "Desa blank spot di wilayah selatan", "Sekitar 19 desa di Blado, Bawang, Reban dan Tersono belum terlayani sinyal seluler yang memadai (perkiraan).", "Pendataan desa blank spot Diskominfo 2023"),
    ("data", "Bappeda", "problem", "public-policy", "Data perencanaan dan data sektoral belum satu pintu", "Data untuk RKPD dikumpulkan manual dari OPD dengan format berbeda; angka sering tidak sama antar dokumen.", "Evaluasi penyelenggaraan Satu Data Bappeda 2023"),
    ("kitb", "Bappeda", "potential", "industry", "Kawasan Industri Terpadu Batang sebagai Proyek Strategis Nasional", "KITB dengan rencana luas ±4.300 ha membuka investasi dan lapangan kerja bagi warga Batang.", "Dokumen Proyek Strategis Nasional; profil PT KITB"),
    ("queue", "Dinkes", "problem", "health", "Antrean pendaftaran puskesmas panjang", "Warga datang sejak subuh untuk mendapat nomor antrean; waktu tunggu rata-rata lebih dari satu jam pada hari Senin.", "Survei kepuasan masyarakat puskesmas 2023"),
    ("records", "Dinkes", "problem", "health", "Rekam medis puskesmas masih kertas", "Sebagian besar puskesmas masih mencatat rekam medis di kertas sehingga rujukan dan pelaporan lambat.", "Rekap kesiapan SATUSEHAT Dinkes 2023"),
    ("stunting", "Dinkes", "problem", "health", "Prevalensi stunting belum turun sesuai target", "Data balita berisiko tersebar di posyandu, puskesmas dan desa; intervensi belum tepat sasaran.", "SSGI 2022 dan e-PPGBM 2023"),
    ("net", "Dinkes", "potential", "health", "Seluruh puskesmas sudah terhubung internet dan memakai SIMPUS", "Modal awal untuk antrean daring dan rekam medis elektronik.", "Data sarana Dinkes 2023"),
    ("school", "Disdikbud", "problem", "learning", "Kesenjangan pembelajaran digital di sekolah pegunungan", "Sekolah di wilayah selatan kekurangan perangkat dan koneksi sehingga asesmen dan pembelajaran daring terhambat.", "Rapor Pendidikan 2023"),
    ("rifaiyah", "Disdikbud", "problem", "business-branding", "Regenerasi pembatik Rifaiyah rendah", "Pembatik Rifaiyah di Kalipucang Wetan sebagian besar berusia lanjut; pemasaran masih dari mulut ke mulut.", "Pendataan pelaku budaya Disdikbud 2023"),
    ("destinations", "Disparpora", "potential", "tourism-branding", "Destinasi unggulan pantai dan pegunungan", "Pantai Sigandu, Pantai Ujungnegoro, Agrowisata Pagilaran dan tepi dataran tinggi Dieng mudah dijangkau dari tol Trans-Jawa.", "Rencana Induk Pembangunan Kepariwisataan Daerah"),
    ("tourinfo", "Disparpora", "problem", "tourism-branding", "Informasi wisata tersebar dan data kunjungan manual", "Wisatawan sulit menemukan jadwal acara dan harga tiket; jumlah kunjungan dihitung dari karcis kertas.", "Laporan kunjungan wisata Disparpora 2023"),
    ("spatial", "DPUPR", "problem", "harmony", "Informasi tata ruang sulit diakses investor dan warga", "Peta RTRW dan RDTR hanya tersedia dalam dokumen PDF; konsultasi pemanfaatan ruang harus datang ke kantor.", "Rekap konsultasi tata ruang DPUPR 2023"),
    ("roads", "DPUPR", "problem", "mobility", "Kondisi jalan kabupaten di wilayah selatan belum mantap", "Ruas jalan penghubung kecamatan selatan rusak sedang hingga berat.", "Data kondisi jalan DPUPR 2023"),
    ("landfill", "DLH", "problem", "waste", "TPA Randukuning mendekati batas kapasitas", "Sampah yang dipilah di sumber masih sedikit sehingga hampir seluruh timbulan masuk TPA.", "Data timbulan sampah DLH 2023"),
    ("abrasion", "DLH", "problem", "protection", "Abrasi dan rob di pesisir utara", "Garis pantai di beberapa desa pesisir mundur dan rob menggenangi permukiman serta tambak.", "Kajian risiko bencana pesisir 2022"),
    ("air", "DLH", "problem", "protection", "Belum ada pemantauan kualitas udara langsung di sekitar KITB dan PLTU", "Pengukuran masih berkala secara manual sehingga warga tidak mendapat informasi saat kualitas udara memburuk.", "Laporan pemantauan lingkungan DLH 2023"),
    ("banks", "DLH", "potential", "waste", "Bank sampah aktif di desa dan sekolah", "Puluhan bank sampah sudah aktif dan siap dikembangkan (perkiraan DLH).", "Data bank sampah DLH 2023"),
    ("traffic", "Dishub", "problem", "mobility", "Kepadatan lalu lintas di simpang Pantura dan akses KITB", "Pergantian giliran kerja di KITB menimbulkan antrean panjang pada jam sibuk.", "Survei lalu lintas Dishub 2023"),
    ("cash", "BKD", "problem", "transaction-ecosystem", "Pembayaran pajak dan retribusi masih tunai", "Retribusi pasar dan sebagian pajak daerah masih dipungut tunai sehingga rawan kebocoran.", "Laporan realisasi pendapatan BKD 2023"),
    ("sop", "Bag. Organisasi", "problem", "bureaucracy", "SOP layanan belum dibakukan dan belum digital", "Banyak layanan belum memiliki SOP yang mutakhir; naskah dinas masih dicetak dan diantar.", "Evaluasi reformasi birokrasi 2023"),
    ("port", "DKP", "potential", "industry", "PPP Klidanglor dan TPI Roban sebagai sentra perikanan", "Pelabuhan perikanan dan TPI melayani ratusan kapal nelayan setiap bulan (perkiraan DKP).", "Data produksi perikanan DKP 2023"),
    ("auction", "DKP", "problem", "industry", "Lelang ikan belum transparan dan data produksi manual", "Harga lelang dicatat tangan sehingga nelayan tidak tahu harga pasar dan data produksi terlambat.", "Laporan TPI 2023"),
    ("investor", "DPMPTSP", "problem", "business-branding", "Pendampingan investor dan pelaku usaha terbatas", "Calon investor di sekitar KITB dan UMKM kesulitan memahami perizinan OSS-RBA dan potensi daerah.", "Rekap layanan konsultasi DPMPTSP 2023"),
    ("birth", "Disdukcapil", "problem", "public-service", "Akta kelahiran dan KIA masih harus diurus ke kantor", "Warga dari desa jauh harus datang ke kantor Disdukcapil, sehingga banyak anak belum memiliki akta kelahiran.", "Data kepemilikan akta kelahiran anak Disdukcapil 2023"),
    ("jobs", "Disperinaker", "problem", "welfare", "Tenaga kerja lokal belum terserap KITB", "Kompetensi pencari kerja belum sesuai kebutuhan tenant; informasi lowongan tidak sampai ke desa.", "Data pencari kerja Disperinaker 2023"),
    ("umkm", "Disdagkop UKM", "problem", "transaction-ecosystem", "UMKM belum memanfaatkan pemasaran dan pembayaran digital", "Sebagian besar UMKM belum berjualan daring dan belum memakai QRIS (perkiraan).", "Pendataan UMKM Disdagkop UKM 2023"),
    ("ews", "BPBD", "problem", "security", "Peringatan dini banjir dan longsor masih manual", "Informasi tinggi muka air dan curah hujan disampaikan lewat telepon berantai.", "Laporan kejadian bencana BPBD 2023"),
]

# Problems no program of this masterplan addresses, and why.
SET_ASIDE = {
    "roads": "Ditangani melalui Renstra DPUPR dan DAK fisik bidang jalan, di luar lingkup masterplan smart city; kondisi jalan dipantau melalui kanal aduan warga.",
}

B = 2023  # the baseline year of every indicator
PROGRAMS = [
    # Smart Governance
    Program(
        "satudata", "Satu Data Batang", "public-policy", "Diskominfo", ("Bappeda", "BKD"), "medium", (2024, 2028),
        "Portal Satu Data dengan standar data, metadata dan jadwal rilis untuk setiap OPD sebagai produsen data.",
        {"apbd": (450, 400, 400, 350, 350)},
        (output("Dataset sektoral terbit di portal Satu Data", "dataset", (B, "120"), "300", "450", "600", "750", "900"),
         outcome("OPD yang menyampaikan data tepat waktu", "%", (B, "35"), "55", "70", "85", "95", "100")),
        ("data",), ("T1",),
    ),
    Program(
        "portal", "Portal Layanan Publik Terpadu", "public-service", "Diskominfo", ("Bag. Organisasi", "DPMPTSP", "Disdukcapil"), "medium", (2024, 2028),
        "Satu pintu layanan daring dengan akun tunggal warga; aplikasi OPD diintegrasikan melalui layanan berbagi pakai data.",
        {"apbd": (1200, 900, 800, 700, 700), "dak": (0, 1500, 0, 0, 0)},
        (output("Aplikasi OPD yang terintegrasi ke portal", "aplikasi", (B, "4"), "15", "30", "45", "55", "60"),
         outcome("Layanan publik yang dapat diajukan daring", "%", (B, "25"), "40", "60", "80", "95", "100")),
        ("apps",), ("T1",),
    ),
    Program(
        "akta", "Akta Kelahiran dan KIA Daring dari Desa", "public-service", "Disdukcapil", ("Diskominfo", "Dinkes"), "quick_win", (2024, 2024),
        "Operator desa dan bidan puskesmas mengajukan akta kelahiran dan Kartu Identitas Anak secara daring; dokumen dicetak mandiri oleh warga.",
        {"apbd": (275,)},
        (output("Desa dengan operator layanan adminduk daring", "desa", (B, "40"), "248"),
         outcome("Anak 0-18 tahun yang memiliki akta kelahiran", "%", (B, "91"), "96")),
        ("birth",), ("T1",),
        "Aplikasi kependudukan nasional sudah tersedia; cukup pelatihan operator desa dan SOP, sehingga hasil terlihat dalam bulan pertama.",
    ),
    Program(
        "srikandi", "Tata Naskah Dinas Elektronik dan SOP Digital", "bureaucracy", "Bag. Organisasi", ("Diskominfo",), "short", (2025, 2025),
        "Penerapan SRIKANDI di seluruh OPD dan pembakuan SOP layanan dalam format digital.",
        {"apbd": (320,)},
        (output("OPD yang memakai SRIKANDI", "OPD", (B, "8"), "45"),
         outcome("Layanan dengan SOP digital yang mutakhir", "%", (B, "30"), "80")),
        ("sop",), ("T1",),
    ),
    Program(
        "spbe", "Peningkatan Indeks SPBE dan Keamanan Informasi", "bureaucracy", "Diskominfo", ("Bag. Organisasi", "Bappeda"), "long", (2024, 2033),
        "Arsitektur SPBE, konsolidasi pusat data, tim tanggap insiden siber dan audit keamanan tahunan.",
        {"apbd": (600, 650, 700, 700, 750, 750, 800, 800, 850, 850)},
        (output("Aplikasi yang lulus uji keamanan", "aplikasi", (B, "3"), "10", "20", "30", "40", "50", "55", "60", "60", "60", "60"),
         outcome("Indeks SPBE Kabupaten Batang", "indeks 1-5", (B, "2.90"), "3.10", "3.30", "3.50", "3.70", "3.85", "4.00", "4.10", "4.20", "4.30", "4.40")),
        ("apps",), ("T1",),
    ),
    # Smart Branding
    Program(
        "katalog", "Katalog Destinasi dan Kalender Acara Wisata Daring", "tourism-branding", "Disparpora", ("Diskominfo",), "quick_win", (2024, 2024),
        "Satu laman dan kanal media sosial resmi berisi destinasi, harga tiket, akses dan kalender acara wisata Batang.",
        {"apbd": (180,)},
        (output("Destinasi yang tampil lengkap di katalog", "destinasi", (B, "12"), "40"),
         outcome("Pengunjung laman wisata", "ribu kunjungan", (B, "30"), "150")),
        ("tourinfo",), ("T5",),
        "Konten destinasi sudah ada di Disparpora; cukup menata laman dan kanal yang ada, sehingga hasil tampak pada musim libur pertama.",
    ),
    Program(
        "tiket", "Tiket Elektronik dan Data Kunjungan Destinasi Wisata", "tourism-branding", "Disparpora", ("BKD", "Diskominfo"), "medium", (2025, 2028),
        "Tiket elektronik di Pantai Sigandu, Pantai Ujungnegoro dan Agrowisata Pagilaran, terhubung ke dasbor kunjungan.",
        {"apbd": (650, 500, 450, 400), "csr": (300, 0, 0, 0)},
        (output("Destinasi dengan tiket elektronik", "destinasi", (B, "0"), "3", "6", "9", "12"),
         outcome("Kunjungan wisatawan per tahun", "ribu kunjungan", (B, "1350"), "1500", "1650", "1800", "2000")),
        ("tourinfo",), ("T5", "T4"),
    ),
    Program(
        "batik", "Branding dan Pemasaran Digital Batik Rifaiyah", "business-branding", "Disdagkop UKM", ("Disdikbud", "Disparpora"), "medium", (2024, 2026),
        "Pelatihan pembatik muda, katalog daring, sertifikasi merek kolektif dan kehadiran di lokapasar.",
        {"apbd": (250, 250, 200), "csr": (150, 150, 150)},
        (output("Pembatik muda yang dilatih", "orang", (B, "0"), "30", "60", "90"),
         outcome("Penjualan daring batik Rifaiyah", "juta Rp/tahun", (B, "150"), "300", "550", "900")),
        ("rifaiyah",), ("T5",),
    ),
    Program(
        "investasi", "Batang Investment Gallery dan Layanan Pendampingan Investor", "business-branding", "DPMPTSP", ("Bappeda", "Disperinaker"), "medium", (2024, 2027),
        "Galeri potensi investasi daring dan luring, peta peluang di sekitar KITB dan layanan pendampingan OSS-RBA.",
        {"apbd": (800, 600, 500, 500), "apbn": (1000, 0, 0, 0)},
        (output("Profil peluang investasi yang siap ditawarkan", "proyek", (B, "5"), "10", "15", "20", "25"),
         outcome("Realisasi investasi PMA dan PMDN", "triliun Rp", (B, "6.0"), "7.0", "8.0", "9.0", "10.0")),
        ("investor",), ("T4",),
    ),
    Program(
        "wajah", "Alun-Alun dan Koridor Pantura Cerdas", "city-appearance", "DPUPR", ("Diskominfo", "DLH"), "medium", (2025, 2027),
        "Penataan alun-alun dan koridor Pantura dengan Wi-Fi publik, papan informasi digital dan taman kota.",
        {"apbd": (2500, 2000, 1500), "dak": (3000, 0, 0)},
        (output("Titik Wi-Fi publik dan papan informasi terpasang", "titik", (B, "6"), "20", "35", "50"),
         outcome("Warga yang puas dengan ruang publik", "%", (B, "62"), "70", "78", "85")),
        (), ("T7",),
    ),
    # Smart Economy
    Program(
        "linkmatch", "Sistem Informasi Pasar Kerja dan Link and Match KITB", "welfare", "Disperinaker", ("Disdikbud", "DPMPTSP"), "medium", (2024, 2028),
        "Bursa kerja daring yang mempertemukan kebutuhan tenant KITB dengan pencari kerja dan lembaga pelatihan di Batang.",
        {"apbd": (400, 400, 400, 400, 400), "csr": (250, 250, 250, 0, 0)},
        (output("Pencari kerja terdaftar dan terpetakan kompetensinya", "orang", (B, "2500"), "6000", "9000", "12000", "15000", "18000"),
         outcome("Tenaga kerja lokal terserap di KITB", "orang", (B, "900"), "1600", "2400", "3200", "4100", "5000")),
        ("jobs",), ("T6", "T4"),
    ),
    Program(
        "qris", "QRIS untuk Retribusi Pasar dan Pajak Daerah", "transaction-ecosystem", "BKD", ("Disdagkop UKM",), "quick_win", (2024, 2024),
        "Pembayaran retribusi pasar dan pajak daerah dengan QRIS bersama bank daerah.",
        {"apbd": (150,), "csr": (100,)},
        (output("Pasar dan loket yang menerima QRIS", "lokasi", (B, "2"), "20"),
         outcome("Penerimaan retribusi pasar non-tunai", "%", (B, "5"), "40")),
        ("cash",), ("T4",),
        "QRIS disediakan bank daerah tanpa investasi perangkat; cukup sosialisasi dan papan QR di pasar, hasil tampak dalam enam bulan.",
    ),
    Program(
        "lelang", "Lelang Ikan Elektronik PPP Klidanglor dan TPI Roban", "industry", "DKP", ("Diskominfo", "Disdagkop UKM"), "medium", (2025, 2027),
        "Lelang elektronik dengan papan harga langsung dan pencatatan produksi harian yang terbuka bagi nelayan.",
        {"apbn": (2500, 1000, 0), "apbd": (300, 300, 250)},
        (output("TPI dengan lelang elektronik", "TPI", (B, "0"), "1", "2", "3"),
         outcome("Nilai produksi yang tercatat harian", "%", (B, "20"), "60", "85", "100")),
        ("auction",), ("T4", "T6"),
    ),
    Program(
        "umkm", "UMKM Go Digital dan Pasar Daring Produk Batang", "transaction-ecosystem", "Disdagkop UKM", ("Diskominfo", "Disparpora"), "medium", (2024, 2026),
        "Pelatihan pemasaran daring, pendaftaran QRIS dan etalase produk Batang di lokapasar.",
        {"apbd": (500, 450, 400), "csr": (200, 200, 200)},
        (output("UMKM yang dilatih pemasaran digital", "UMKM", (B, "300"), "1000", "2000", "3000"),
         outcome("UMKM yang berjualan daring dan menerima QRIS", "%", (B, "18"), "30", "45", "60")),
        ("umkm",), ("T6", "T4"),
    ),
    Program(
        "pbb", "Basis Data Pajak Daerah Berbasis Peta dan e-PBB", "transaction-ecosystem", "BKD", ("DPUPR",), "medium", (2025, 2027),
        "Pemutakhiran objek PBB dengan peta bidang dan pembayaran daring terhubung ke bank daerah.",
        {"apbd": (700, 500, 400)},
        (output("Objek pajak yang dipetakan", "%", (B, "35"), "60", "85", "100"),
         outcome("Realisasi penerimaan PBB terhadap target", "%", (B, "82"), "88", "93", "97")),
        ("cash",), ("T4",),
    ),
    # Smart Living
    Program(
        "antrean", "Pendaftaran Puskesmas Daring dan Antrean Elektronik", "health", "Dinkes", ("Diskominfo",), "quick_win", (2024, 2024),
        "Pendaftaran lewat aplikasi dan WhatsApp, nomor antrean dengan perkiraan jam layanan di semua puskesmas.",
        {"apbd": (350,)},
        (output("Puskesmas dengan antrean elektronik", "puskesmas", (B, "3"), "21"),
         outcome("Rata-rata waktu tunggu pendaftaran", "menit", (B, "75"), "30")),
        ("queue",), ("T2",),
        "Seluruh puskesmas sudah terhubung internet dan memakai SIMPUS; modul antrean tinggal diaktifkan dan disosialisasikan.",
    ),
    Program(
        "rme", "Rekam Medis Elektronik Terintegrasi SATUSEHAT", "health", "Dinkes", ("Diskominfo",), "medium", (2024, 2026),
        "Rekam medis elektronik di puskesmas dan RSUD, terhubung ke platform SATUSEHAT untuk rujukan dan pelaporan.",
        {"dak": (2100, 1800, 0), "apbd": (600, 500, 450)},
        (output("Fasilitas kesehatan terhubung SATUSEHAT", "fasyankes", (B, "4"), "12", "20", "23"),
         outcome("Kunjungan pasien dengan rekam medis elektronik", "%", (B, "15"), "50", "80", "100")),
        ("records",), ("T2",),
    ),
    Program(
        "stunting", "Pemantauan Stunting By Name By Address", "health", "Dinkes", ("Bappeda", "Disdukcapil"), "medium", (2024, 2026),
        "Dasbor balita berisiko dari posyandu, puskesmas dan data kependudukan untuk intervensi tepat sasaran.",
        {"apbd": (400, 400, 350), "apbn": (300, 300, 300)},
        (output("Posyandu yang melapor melalui aplikasi", "%", (B, "40"), "70", "90", "100"),
         outcome("Prevalensi balita stunting", "%", (B, "20.0"), "17.5", "15.0", "13.5")),
        ("stunting",), ("T2",),
    ),
    Program(
        "tataruang", "Informasi Tata Ruang Daring dan Peta RDTR Digital", "harmony", "DPUPR", ("DPMPTSP", "Bappeda"), "medium", (2025, 2027),
        "Peta RTRW dan RDTR interaktif, konsultasi pemanfaatan ruang daring dan integrasi dengan perizinan.",
        {"apbd": (900, 700, 500), "apbn": (1200, 0, 0)},
        (output("Kecamatan dengan RDTR digital", "kecamatan", (B, "2"), "6", "10", "15"),
         outcome("Konsultasi pemanfaatan ruang yang selesai daring", "%", (B, "0"), "40", "70", "90")),
        ("spatial",), ("T7", "T4"),
    ),
    Program(
        "atcs", "Manajemen Lalu Lintas Cerdas Simpang Pantura dan Akses KITB", "mobility", "Dishub", ("Diskominfo", "DPUPR"), "medium", (2025, 2029),
        "Area Traffic Control System pada simpang Pantura dan akses KITB, dengan kamera hitung kendaraan dan lampu adaptif.",
        {"apbn": (3000, 3500, 0, 0, 0), "apbd": (800, 600, 500, 450, 450)},
        (output("Simpang terkendali ATCS", "simpang", (B, "0"), "4", "8", "12", "14", "16"),
         outcome("Rata-rata waktu tempuh koridor Pantura-KITB pada jam sibuk", "menit", (B, "35"), "32", "28", "25", "23", "22"),
         outcome("Kecelakaan lalu lintas di simpang terkendali", "kejadian/tahun", (B, "48"), "44", "38", "32", "28", "25")),
        ("traffic",), ("T7",),
    ),
    # Smart Society
    Program(
        "desa", "Desa Digital: Internet Desa dan Penuntasan Blank Spot", "community", "Diskominfo", ("Bappeda",), "medium", (2024, 2027),
        "Pembangunan BTS bersama BAKTI dan operator, internet di kantor desa dan pelatihan kader digital desa.",
        {"apbn": (4500, 3000, 0, 0), "apbd": (1000, 900, 700, 500), "csr": (0, 500, 0, 0)},
        (output("Kantor desa dengan internet", "desa", (B, "180"), "210", "230", "248", "248"),
         outcome("Desa blank spot", "desa", (B, "19"), "12", "6", "2", "0")),
        ("blank",), ("T7",),
    ),
    Program(
        "sekolah", "Sekolah Digital Wilayah Pegunungan", "learning", "Disdikbud", ("Diskominfo",), "medium", (2025, 2028),
        "Perangkat, koneksi dan pelatihan guru untuk sekolah dasar dan menengah pertama di Blado, Bawang, Reban dan Tersono.",
        {"dak": (2400, 2000, 0, 0), "apbd": (500, 500, 400, 400)},
        (output("Sekolah penerima paket sekolah digital", "sekolah", (B, "10"), "40", "70", "95", "120"),
         outcome("Sekolah pegunungan dengan nilai literasi digital baik", "%", (B, "30"), "45", "60", "70", "80")),
        ("school",), ("T3",),
    ),
    Program(
        "aduan", "Layanan Aduan Warga Terpadu SP4N-LAPOR!", "community", "Diskominfo", ("Bag. Organisasi",), "quick_win", (2024, 2024),
        "Seluruh OPD menjadi admin SP4N-LAPOR! dengan SOP tindak lanjut dan kanal WhatsApp yang terhubung.",
        {"apbd": (120,)},
        (output("OPD dengan admin SP4N-LAPOR! aktif", "OPD", (B, "12"), "45"),
         outcome("Aduan ditindaklanjuti dalam 5 hari kerja", "%", (B, "48"), "85")),
        (), ("T1", "T9"),
        "SP4N-LAPOR! sudah tersedia secara nasional; cukup penunjukan admin OPD dan SOP, sehingga perubahan tampak dalam tiga bulan.",
    ),
    Program(
        "ews", "Sistem Peringatan Dini Banjir dan Longsor", "security", "BPBD", ("Diskominfo", "DPUPR"), "medium", (2024, 2027),
        "Sensor tinggi muka air dan curah hujan pada sungai utama serta sirene dan pesan otomatis ke desa rawan.",
        {"apbd": (600, 500, 400, 400), "apbn": (1500, 0, 0, 0), "csr": (0, 250, 0, 0)},
        (output("Pos sensor peringatan dini terpasang", "pos", (B, "2"), "8", "14", "18", "20"),
         outcome("Desa rawan yang menerima peringatan otomatis", "%", (B, "10"), "40", "70", "90", "100")),
        ("ews",), ("T8", "T9"),
    ),
    Program(
        "cctv", "CCTV Terpadu dan Command Center Batang", "security", "Diskominfo", ("Dishub", "BPBD"), "long", (2024, 2033),
        "Integrasi CCTV OPD dan desa ke command center yang memantau keamanan, lalu lintas dan kebencanaan.",
        {"apbd": (2000, 1500, 1200, 1000, 1000, 900, 900, 900, 900, 900)},
        (output("CCTV terhubung ke command center", "kamera", (B, "40"), "80", "120", "160", "200", "230", "260", "280", "300", "310", "320"),
         outcome("Rata-rata waktu respons kejadian darurat", "menit", (B, "45"), "40", "35", "30", "27", "25", "23", "22", "21", "20", "20")),
        (), ("T9",),
    ),
    # Smart Environment
    Program(
        "banksampah", "Bank Sampah Digital", "waste", "DLH", ("Diskominfo",), "quick_win", (2024, 2024),
        "Aplikasi pencatatan tabungan sampah untuk bank sampah desa dan sekolah, terhubung dengan pengepul.",
        {"apbd": (150,), "csr": (100,)},
        (output("Bank sampah yang memakai aplikasi", "unit", (B, "0"), "60"),
         outcome("Sampah terpilah di sumber", "ton/bulan", (B, "45"), "90")),
        ("landfill",), ("T8",),
        "Bank sampah aktif sudah ada; pencatatan cukup dengan aplikasi sederhana, sehingga hasil terlihat dalam enam bulan.",
    ),
    Program(
        "tpa", "Pengelolaan TPA Randukuning dan Pemantauan Timbulan Sampah", "waste", "DLH", ("DPUPR", "BKD"), "long", (2024, 2033),
        "Timbangan digital, pemantauan armada dan pengolahan sampah menjadi bahan bakar (RDF) melalui skema KPBU.",
        {"apbd": (1500, 1200, 1000, 800, 800, 800, 700, 700, 700, 700), "kpbu": (0, 0, 0, 12000, 12000, 0, 0, 0, 0, 0)},
        (output("Armada sampah terpantau GPS", "%", (B, "0"), "30", "60", "100", "100", "100", "100", "100", "100", "100", "100"),
         outcome("Sampah terkelola terhadap timbulan", "%", (B, "48"), "52", "55", "58", "62", "66", "69", "71", "73", "74", "75")),
        ("landfill",), ("T8",),
    ),
    Program(
        "udara", "Pemantauan Kualitas Udara dan Air Kawasan Industri", "protection", "DLH", ("Disperinaker",), "medium", (2025, 2028),
        "Stasiun pemantau kualitas udara dan air di sekitar KITB dan PLTU Batang dengan informasi terbuka bagi warga.",
        {"apbd": (500, 400, 350, 350), "csr": (750, 0, 0, 0)},
        (output("Stasiun pemantau otomatis beroperasi", "stasiun", (B, "0"), "3", "5", "6", "6"),
         outcome("Hari dengan kualitas udara baik atau sedang", "%", (B, "85"), "86", "88", "90", "92")),
        ("air",), ("T8",),
    ),
    Program(
        "mangrove", "Rehabilitasi Mangrove dan Pemantauan Abrasi Pesisir", "protection", "DLH", ("DKP", "BPBD"), "medium", (2024, 2028),
        "Penanaman mangrove bersama kelompok masyarakat pesisir dan pemantauan garis pantai dengan citra satelit dan drone.",
        {"apbd": (350, 350, 350, 350, 350), "apbn": (0, 800, 0, 0, 0), "csr": (300, 300, 300, 0, 0)},
        (output("Luas mangrove yang ditanam", "ha", (B, "12"), "20", "30", "40", "50", "60"),
         outcome("Panjang pantai terlindung dari abrasi", "km", (B, "3.5"), "4.5", "6.0", "7.5", "9.0", "10.0")),
        ("abrasion",), ("T8",),
    ),
    Program(
        "pju", "Penerangan Jalan Tenaga Surya dan Efisiensi Energi Gedung Pemerintah", "energy", "DPUPR", ("BKD", "Dishub"), "medium", (2025, 2029),
        "PJU tenaga surya dengan pemantauan jarak jauh dan audit energi gedung pemerintah.",
        {"apbd": (1500, 1500, 1200, 1000, 1000), "kpbu": (0, 5000, 0, 0, 0), "csr": (500, 0, 0, 0, 0)},
        (output("PJU tenaga surya terpasang", "titik", (B, "150"), "600", "1500", "2000", "2400", "2800"),
         outcome("Penghematan tagihan listrik PJU dan gedung pemerintah", "%", (B, "0"), "5", "12", "18", "22", "25")),
        (), ("T8", "T7"),
    ),
]

# The mentor's first review asked to spread the ATCS budget and to measure travel time:
# the first submission has this budget and no travel-time indicator.
REVISED_PROGRAM = "atcs"
FIRST_DRAFT_BUDGET: dict[str, tuple[int, ...]] = {"apbn": (6500, 0, 0, 0, 0), "apbd": (800, 600, 500, 450, 450)}
FIRST_DRAFT_WITHOUT_INDICATOR = "Rata-rata waktu tempuh koridor Pantura-KITB pada jam sibuk"
# fmt: on
